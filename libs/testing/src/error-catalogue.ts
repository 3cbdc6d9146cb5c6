import fs from 'node:fs';
import path from 'node:path';

/**
 * What breaks French typography in a message people read: a straight
 * apostrophe, a breaking space (or none) before « : ; ! ? » or inside « ».
 * Text between backticks (a field or parameter name) is left alone.
 */
export function frenchTypographyFaults(text: string): string[] {
  const prose = text.replace(/`[^`]*`/g, '');
  const faults: string[] = [];
  if (prose.includes("'")) faults.push('straight apostrophe');
  if (/ [:;!?»]|« /.test(prose)) faults.push('breaking space around « : ; ! ? »');
  if (/[^\s\u00a0\u202f][:;!?»]|«[^\u00a0\u202f]/.test(prose)) faults.push('no space around « : ; ! ? »');
  return faults;
}

/** The source files under `root` (specs left out) that construct an `AppError`, relative to `root`. */
export function appErrorConstructors(root: string): string[] {
  const sources = (dir: string): string[] =>
    fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) return sources(full);
      return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [full] : [];
    });
  return sources(root)
    .filter((file) => /new\s+AppError\s*\(/.test(fs.readFileSync(file, 'utf8')))
    .map((file) => path.relative(root, file));
}
