export const ruleDocs: Record<string, string> = {};
