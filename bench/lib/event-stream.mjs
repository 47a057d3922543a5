// A Server-Sent Events reader for the benchmark driver, and the matching of
// budget reservations with the live absorption stream that should show them.
import http from 'node:http';
import { performance } from 'node:perf_hooks';

/**
 * Opens `url` as an event stream and resolves once the server has answered
 * 200; `onEvent(type, data, at)` gets every event with the time its chunk
 * arrived. `closed` tells whether the server ended the stream before `close()`.
 */
export function openEventStream(url, { headers = {}, onEvent }) {
  return new Promise((resolve, reject) => {
    let closing = false;
    const stream = { closed: false, close: () => ((closing = true), request.destroy()) };
    const request = http.get(url, { headers: { accept: 'text/event-stream', ...headers } }, (response) => {
      if (response.statusCode !== 200) {
        let text = '';
        response.on('data', (chunk) => (text += chunk));
        response.on('end', () => reject(new Error(`${url} answered ${response.statusCode}: ${text.slice(0, 200)}`)));
        return;
      }
      response.setEncoding('utf8');
      let buffer = '';
      response.on('data', (chunk) => {
        const at = performance.now();
        buffer += chunk.replace(/\r\n?/g, '\n');
        for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          let type = 'message';
          const data = [];
          for (const line of block.split('\n')) {
            if (line.startsWith('event:')) type = line.slice(6).trim();
            else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
          }
          onEvent(type, data.join('\n'), at);
        }
      });
      response.on('close', () => (stream.closed = !closing));
      resolve(stream);
    });
    request.on('error', (error) => (closing ? undefined : reject(error)));
  });
}

/**
 * Tells when each reservation first shows on the stream: the first
 * `absorption` event of its line whose committedIdr ≥ paguIdr − the
 * remainingIdr its budget.reserved reported. Either may arrive first, so
 * each line keeps its events and the reservations still waiting for one.
 * Committed only grows in a benchmark (nothing is released), so the events
 * that show a reservation are the newest ones: the search runs backwards and
 * stops at the first event that does not.
 */
export function absorptionFollower(onShown) {
  const lines = new Map();
  const lineOf = (data) => {
    const key = `${data.fiscalYear}/${data.satkerCode}/${data.accountCode}`;
    if (!lines.has(key)) lines.set(key, { events: [], waiting: [] });
    return lines.get(key);
  };
  const shows = (event, remaining) => event.committed >= event.pagu - remaining;
  return {
    absorption(data, at) {
      const line = lineOf(data);
      const event = { at, pagu: BigInt(data.paguIdr), committed: BigInt(data.committedIdr) };
      line.events.push(event);
      line.waiting = line.waiting.filter((w) => (shows(event, w.remaining) ? (onShown(w.orderId, at), false) : true));
    },
    reserved(data) {
      const line = lineOf(data);
      const remaining = BigInt(data.remainingIdr);
      let first;
      for (let i = line.events.length - 1; i >= 0 && shows(line.events[i], remaining); i--) first = line.events[i];
      if (first) onShown(data.orderId, first.at);
      else line.waiting.push({ orderId: data.orderId, remaining });
    },
  };
}
