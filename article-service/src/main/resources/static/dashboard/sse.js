// A server-sent event stream read with fetch(), because the key must travel in a header (EventSource sends
// none). Reconnects by itself and resumes right after the last event it saw, with Last-Event-ID.

/** Splits SSE text into events; keeps what is incomplete for the next chunk. */
export class SseParser {
  constructor(onEvent, onComment = () => {}) {
    this.buffer = '';
    this.onEvent = onEvent;
    this.onComment = onComment;
    // As in EventSource, the last id stays the events' id until another one comes.
    this.id = null;
    this.reset();
  }

  reset() {
    this.data = [];
    this.type = '';
  }

  push(text) {
    this.buffer += text;
    let end;
    while ((end = this.buffer.search(/\r\n|\r|\n/)) >= 0) {
      const line = this.buffer.slice(0, end);
      const breakLength = this.buffer.startsWith('\r\n', end) ? 2 : 1;
      // A lone \r at the very end may be the first half of \r\n: wait for the next chunk.
      if (breakLength === 1 && this.buffer[end] === '\r' && end === this.buffer.length - 1) break;
      this.buffer = this.buffer.slice(end + breakLength);
      this.line(line);
    }
  }

  line(line) {
    if (line === '') {
      if (this.data.length) {
        this.onEvent({ type: this.type || 'message', data: this.data.join('\n'), id: this.id });
      }
      this.reset();
      return;
    }
    if (line.startsWith(':')) {
      this.onComment(line.slice(1).trim());
      return;
    }
    const colon = line.indexOf(':');
    const name = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (name === 'data') this.data.push(value);
    else if (name === 'event') this.type = value;
    else if (name === 'id' && !value.includes('\0')) this.id = value;
  }
}

/**
 * Opens url with headers and keeps it open: on every end or failure it waits (1 s, doubling to 30 s) and
 * reconnects with Last-Event-ID set to the last id seen. Returns { close() }.
 */
export function resumableStream(url, headers, { onEvent, onState, lastEventId = null }) {
  let last = lastEventId;
  let controller = null;
  let closed = false;
  let delay = 1000;

  async function connect() {
    while (!closed) {
      controller = new AbortController();
      const sent = { ...headers, Accept: 'text/event-stream' };
      if (last) sent['Last-Event-ID'] = last;
      onState({ state: last ? 'resuming' : 'connecting', lastEventId: last });
      try {
        const response = await fetch(url, { headers: sent, signal: controller.signal, cache: 'no-store' });
        if (!response.ok) {
          let detail = `HTTP ${response.status}`;
          try { const problem = await response.json(); detail = problem.detail || problem.title || detail; } catch { /* not JSON */ }
          onState({ state: response.status >= 500 ? 'retrying' : 'refused', detail, lastEventId: last });
          if (response.status < 500 && response.status !== 429) return;
        } else {
          delay = 1000;
          onState({ state: 'open', lastEventId: last });
          const parser = new SseParser((event) => {
            if (event.id !== null) last = event.id;
            onEvent(event);
          });
          const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
          for (;;) {
            const { value, done } = await reader.read();
            if (done) break;
            parser.push(value);
          }
          onState({ state: 'ended', lastEventId: last });
        }
      } catch (e) {
        if (closed) return;
        onState({ state: 'retrying', detail: e.message, lastEventId: last });
      }
      if (closed) return;
      await new Promise((resolve) => setTimeout(resolve, delay));
      delay = Math.min(delay * 2, 30000);
    }
  }

  connect();
  return {
    close() {
      closed = true;
      if (controller) controller.abort();
      onState({ state: 'closed', lastEventId: last });
    },
    lastEventId: () => last,
  };
}
