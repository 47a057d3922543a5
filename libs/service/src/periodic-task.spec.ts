import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { PeriodicTask } from './periodic-task.js';

class Counting extends PeriodicTask {
  protected readonly intervalMs = 20;
  runs = 0;
  protected runOnce(): Promise<void> {
    this.runs++;
    return Promise.resolve();
  }
}

test('bootstrapped twice (as a service with a Kafka transport is), a task keeps one timer, and shutdown stops it', async () => {
  const task = new Counting();
  task.onApplicationBootstrap();
  task.onApplicationBootstrap();
  await sleep(110);
  await task.onApplicationShutdown();
  const runs = task.runs;
  // one timer of 20 ms runs about five times in 110 ms; two would run about ten
  assert.ok(runs >= 3 && runs <= 6, `${runs} runs`);
  await sleep(60);
  assert.equal(task.runs, runs);
});
