import type { Response } from 'express';

export interface CsvFile {
  filename: string;
  content: string;
}

/** Sends a CSV file as a download that no cache keeps. */
export function sendCsv(res: Response, file: CsvFile): void {
  res.status(200).type('text/csv; charset=utf-8').attachment(file.filename).set('Cache-Control', 'no-store').send(file.content);
}
