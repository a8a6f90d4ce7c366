// A worker thread of a parallel template scan (parallel-scan.ts): reads, parses and maps the files
// it is sent, one at a time, and posts each result back with the index it came with. It does not
// catch a defect of its own: the thread then stops, and the scan reports the file it was reading.
import { parentPort, workerData } from 'node:worker_threads';
import type { ScanJob, ScanResult } from './parallel-scan.js';
import type { ScanSettings } from './scan.js';
import { scanInput } from './scan.js';

const settings = workerData as ScanSettings;
const noStdin = (): string => {
  throw new Error('standard input is read by the main thread');
};

parentPort!.on('message', ({ index, input }: ScanJob) => {
  const result: ScanResult = { index, scanned: scanInput(input, settings, noStdin) };
  parentPort!.postMessage(result);
});
