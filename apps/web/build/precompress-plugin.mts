import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';

/** Text files worth compressing; fonts (woff2 is already compressed) and images are left as they are. */
const COMPRESSIBLE = /\.(js|css|html|json|svg|map|txt|webmanifest)$/;

/**
 * Writes `<file>.br` and `<file>.gz` next to every compressible file of the
 * build's content-hashed `assets/`, at the highest levels (done once, at build
 * time, not per request): the gateway sends them to browsers that accept them.
 * `index.html` and `config.json` stay as they are, since a département may
 * replace `config.json` after the build.
 */
export function precompress(): Plugin {
  let outDir = '';
  return {
    name: 'salle-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = config.build.outDir;
    },
    closeBundle() {
      for (const file of filesUnder(join(outDir, 'assets'))) {
        if (!COMPRESSIBLE.test(file)) continue;
        const content = readFileSync(file);
        const twins = {
          br: brotliCompressSync(content, {
            params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: content.length },
          }),
          gz: gzipSync(content, { level: 9 }),
        };
        // A tiny file can grow when compressed: then it is sent as it is.
        for (const [extension, compressed] of Object.entries(twins))
          if (compressed.length < content.length) writeFileSync(`${file}.${extension}`, compressed);
      }
    },
  };
}

function filesUnder(directory: string): string[] {
  return readdirSync(directory).flatMap((name) => {
    const path = join(directory, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}
