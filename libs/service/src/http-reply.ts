/**
 * The part of an HTTP response a controller may touch with
 * `@Res({ passthrough: true })`: status and headers. Both Fastify's reply and
 * Express's response have it, so controllers stay platform-neutral.
 */
export interface HttpReply {
  status(code: number): unknown;
  header(name: string, value: string): unknown;
}
