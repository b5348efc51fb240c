/**
 * When a request is over for good: its response closed, or its connection did. The second
 * matters for pipelined requests: a response waiting behind an earlier one on the same
 * connection never emits 'close' when that connection ends, so a slot, a time limit and a log
 * line that waited for it alone would wait for ever.
 */
import type { ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';

/** Calls `ended` once, at the first of the response's or its connection's 'close'. */
export function whenEnded(response: ServerResponse, ended: () => void): void {
  const socket = response.req.socket;
  let called = false;
  const once = () => {
    if (called) return;
    called = true;
    response.off('close', once);
    socket.off('close', once);
    ended();
  };
  if (response.closed || socket.destroyed) return once();
  response.once('close', once);
  socket.once('close', once);
}

/**
 * The response Node is writing on this connection now, if any: Node's own private
 * `_httpMessage`, read in this one place.
 */
export function currentResponse(socket: Duplex): ServerResponse | undefined {
  return (socket as Duplex & { _httpMessage?: ServerResponse | null })._httpMessage ?? undefined;
}
