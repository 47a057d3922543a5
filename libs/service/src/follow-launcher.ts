import type { INestApplication } from '@nestjs/common';

/**
 * A process started by the launcher has an IPC channel to it: when the
 * launcher goes away, however it ended, the application closes and exits too.
 */
export function followLauncher(app: Pick<INestApplication, 'close'>): void {
  if (process.connected) process.once('disconnect', () => void app.close().finally(() => process.exit(0)));
}
