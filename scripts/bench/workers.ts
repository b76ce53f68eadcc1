/**
 * One worker thread per task, one task per core at a time (p-limit): how
 * the benchmark measures photos in parallel, each on one thread of its own.
 */
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import pLimit from 'p-limit';

/** Runs `script` once per item of `data` as its `workerData`, and resolves with each run's one message, in order. */
export async function inWorkers<R>(script: URL, data: readonly unknown[], onDone?: () => void): Promise<R[]> {
  const run = pLimit(os.availableParallelism());
  return Promise.all(
    data.map((workerData) =>
      run(async () => {
        const worker = new Worker(script, { workerData });
        try {
          return await new Promise<R>((resolve, reject) => worker.once('message', resolve).once('error', reject));
        } finally {
          await worker.terminate();
          onDone?.();
        }
      }),
    ),
  );
}
