// A live stream (Server-Sent Events) kept open for as long as a screen shows it, with its indicator.
import { api } from './api.js';
import { h } from './dom.js';
import { t } from './i18n.js';

/**
 * Opens the live stream at `path` and keeps it open. EventSource cannot send headers: the stream is opened
 * with a short-lived ticket in its URL, and ends when the ticket expires; then, or when it drops, a new
 * ticket opens it again. `on` maps event types to handlers of their parsed data; `onOpen` runs each time
 * the stream (re)opens, so a change made while it was closed is picked up by a reload. Returns the
 * indicator to show (connecting, live, reconnecting) and `close`, for when the screen is left.
 */
export function openLiveStream(path, { on = {}, onOpen } = {}) {
  const indicator = h('span', { class: 'live connecting', 'data-live': 'connecting' }, t('connecting'));
  let source;
  let retryTimer;
  let closed = false;

  function setLive(state, label) {
    indicator.className = `live ${state}`;
    indicator.dataset.live = state;
    indicator.textContent = label;
  }

  async function connect() {
    const ticket = await api.streamTicket().catch(() => undefined);
    if (closed) return;
    if (!ticket) {
      setLive('connecting', t('reconnecting'));
      retryTimer = setTimeout(connect, 5000);
      return;
    }
    source = new EventSource(`${path}?access_token=${encodeURIComponent(ticket.ticket)}`);
    for (const [type, handle] of Object.entries(on)) source.addEventListener(type, (event) => handle(JSON.parse(event.data)));
    source.onopen = () => {
      setLive('live', t('live'));
      onOpen?.();
    };
    source.onerror = () => {
      source.close();
      if (closed) return;
      setLive('connecting', t('reconnecting'));
      // at once when the ticket ran out (the stream ended as planned), after a pause when something failed
      retryTimer = setTimeout(connect, Date.now() >= ticket.expiresAt - 1000 ? 0 : 3000);
    };
  }

  connect();
  return {
    indicator,
    close() {
      closed = true;
      clearTimeout(retryTimer);
      source?.close();
    },
  };
}
