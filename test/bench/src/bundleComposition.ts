import fs from 'node:fs';
import path from 'node:path';
import { SourceMapConsumer } from 'source-map-js';

export interface ChunkShare {
  file: string;
  bytes: number;
  /** Bytes of the chunk generated from the matching sources, by its source map. */
  matchingBytes: number;
}

/**
 * How many bytes of each built JavaScript file come from the sources `matches` accepts: every
 * segment of generated code is attributed, through the file's source map, to the source it was
 * generated from. This is how the benchmark tells the plugin's own code from the libraries it
 * shares chunks with.
 */
export function codeFromSources(
  staticDirectory: string,
  matches: (source: string) => boolean,
): ChunkShare[] {
  const shares: ChunkShare[] = [];
  for (const file of fs.readdirSync(staticDirectory)) {
    if (!file.endsWith('.js')) continue;
    const mapFile = path.join(staticDirectory, `${file}.map`);
    if (!fs.existsSync(mapFile)) continue;
    const code = fs.readFileSync(path.join(staticDirectory, file), 'utf8');
    const map = JSON.parse(fs.readFileSync(mapFile, 'utf8'));
    if (!(map.sources as string[]).some(matches)) continue;
    const lines = code.split('\n');
    const consumer = new SourceMapConsumer(map);
    // Mappings come in generated order; each one's code runs to the next one on its line.
    const segments: { line: number; column: number; source: string | null }[] =
      [];
    consumer.eachMapping(m =>
      segments.push({
        line: m.generatedLine,
        column: m.generatedColumn,
        source: m.source,
      }),
    );
    let matchingBytes = 0;
    segments.forEach((segment, i) => {
      if (!segment.source || !matches(segment.source)) return;
      const next = segments[i + 1];
      const end =
        next && next.line === segment.line
          ? next.column
          : lines[segment.line - 1].length;
      matchingBytes += Buffer.byteLength(
        lines[segment.line - 1].slice(segment.column, end),
      );
    });
    shares.push({ file, bytes: Buffer.byteLength(code), matchingBytes });
  }
  return shares.sort((a, b) => b.matchingBytes - a.matchingBytes);
}
