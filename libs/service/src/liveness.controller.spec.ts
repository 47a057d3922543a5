import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { AuthModule } from '#serapan/auth';
import { LivenessController } from './liveness.controller.js';

const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });

/** Token checks on every route, as in a service, and no database at all. */
@Module({
  imports: [AuthModule.forRoot({ publicKeys: [publicKey.export({ type: 'spki', format: 'pem' }).toString()], issuer: 'serapan-login', audience: 'serapan' })],
  controllers: [LivenessController],
})
class LivenessOnlyModule {}

test('answers /health/live without a token and without a database', async () => {
  const app = await NestFactory.create<NestFastifyApplication>(LivenessOnlyModule, new FastifyAdapter(), { logger: false });
  try {
    await app.init();
    // Fastify answers the request in memory: no socket is opened
    const response = await app.getHttpAdapter().getInstance().inject({ method: 'GET', url: '/health/live' });
    assert.equal(response.statusCode, 200);
    assert.deepEqual(response.json(), { status: 'ok' });
  } finally {
    await app.close();
  }
});
