import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { AuthModule } from '#serapan/auth';
import { LivenessController } from './liveness.controller.js';

const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });

/** Token checks on every route, as in a service, and no database at all. */
@Module({
  imports: [AuthModule.forRoot({ publicKey: publicKey.export({ type: 'spki', format: 'pem' }).toString(), issuer: 'serapan-login', audience: 'serapan' })],
  controllers: [LivenessController],
})
class LivenessOnlyModule {}

test('answers /health/live without a token and without a database', async () => {
  const app = await NestFactory.create(LivenessOnlyModule, new FastifyAdapter(), { logger: false });
  try {
    await app.listen(0, '127.0.0.1');
    const response = await fetch(`${await app.getUrl()}/health/live`);
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), { status: 'ok' });
  } finally {
    await app.close();
  }
});
