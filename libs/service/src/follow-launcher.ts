import type { INestApplication } from '@nestjs/common';

/**
 * A process started by the launcher has an IPC channel to it: when the
 * launcher goes away, however it ended, the application closes and exits too,
 * also when the launcher was already gone by the time the service was up.
 */
export function followLauncher(app: Pick<INestApplication, 'close'>): void {
  const leave = () => void app.close().finally(() => process.exit(0));
  if (process.connected) process.once('disconnect', leave);
  else if (typeof process.send === 'function') leave();
}
