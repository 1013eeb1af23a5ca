// Every `quorate` command, in the order `quorate --help` lists them.
import type { Command } from '../command.ts';
import { check } from './check.ts';
import { compile } from './compile.ts';
import { fmt } from './fmt.ts';
import { lsp } from './lsp.ts';
import { importCommand } from './import.ts';
import { plan } from './plan.ts';
import { hook } from './hook.ts';
import { order } from './order.ts';
import { lint } from './lint.ts';
import { simulate } from './simulate.ts';
import { rules } from './rules.ts';
import { explain } from './explain.ts';

export const commands: Command[] = [compile, check, lint, simulate, order, plan, importCommand, fmt, hook, lsp, rules, explain];
