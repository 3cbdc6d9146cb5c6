import { reply, type Reply } from '@salle/http';

export interface CsvFile {
  filename: string;
  content: string;
}

/** A CSV file as a download that no cache keeps. */
export function csvReply(file: CsvFile): Reply<string> {
  return reply(file.content, {
    headers: { 'content-type': 'text/csv; charset=utf-8', 'cache-control': 'no-store' },
    attachment: file.filename,
  });
}
