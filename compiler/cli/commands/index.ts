// Every `quorate` command, in the order `quorate --help` lists them.
import type { Command } from '../command.ts';
import { check } from './check.ts';
import { compile } from './compile.ts';
import { lsp } from './lsp.ts';
import { fmt } from './fmt.ts';
import { order } from './order.ts';

export const commands: Command[] = [compile, check, order, fmt, lsp];
