/**
 * A raw HTTP/1.1 exchange over node:net, for what fetch cannot do: send the headers and hold
 * the body back (a request that holds its admission slot), half-close, or vanish. Every wait is
 * bounded.
 */
import { connect, type Socket } from 'node:net';

export interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface RawExchange {
  socket: Socket;
  /** Sends the rest of the body. */
  finish(): void;
  /** The answer, once the server has written it whole (or the connection closed). */
  answer: Promise<RawAnswer | null>;
}

/**
 * Starts `POST path` with a Content-Length for all of `body` but sends only `sent` bytes of it
 * (all of it by default).
 */
export function startPost(
  url: string,
  path: string,
  body: string,
  sent = Buffer.byteLength(body),
): RawExchange {
  const { hostname, port } = new URL(url);
  const socket = connect(Number(port), hostname);
  const bytes = Buffer.from(body);
  socket.write(
    `POST ${path} HTTP/1.1\r\nHost: ${hostname}\r\nContent-Type: application/json\r\nContent-Length: ${bytes.length}\r\n\r\n`,
  );
  socket.write(bytes.subarray(0, sent));
  return {
    socket,
    finish: () => socket.write(bytes.subarray(sent)),
    answer: readAnswer(socket),
  };
}

function readAnswer(socket: Socket): Promise<RawAnswer | null> {
  return new Promise((resolve) => {
    let received = Buffer.alloc(0);
    const timer = setTimeout(() => done(), 20_000);
    const done = () => {
      clearTimeout(timer);
      resolve(parse(received));
    };
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      const parsed = parse(received);
      if (parsed) {
        clearTimeout(timer);
        resolve(parsed);
      }
    });
    socket.on('close', done);
    socket.on('error', () => undefined);
  });
}

function parse(received: Buffer): RawAnswer | null {
  const end = received.indexOf('\r\n\r\n');
  if (end < 0) return null;
  const [statusLine = '', ...lines] = received.subarray(0, end).toString('latin1').split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
  }
  const length = Number(headers['content-length'] ?? 0);
  const body = received.subarray(end + 4);
  if (body.length < length) return null;
  return {
    status: Number(statusLine.split(' ')[1]),
    headers,
    body: body.subarray(0, length).toString('utf8'),
  };
}
