import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One post the receiver took, as a robot would have shown it to its group. */
export interface ReceivedPost {
  at: string;
  vendor: 'dingtalk' | 'wecom';
  /** DingTalk's `access_token` or WeCom's `key`: which robot it was posted to. */
  token: string;
  /** DingTalk: whether `sign` matched the receiver's secret and `timestamp` was within the hour; WeCom: no signature (true). */
  signatureValid: boolean;
  status: number;
  body: unknown;
}

export interface RobotReceiver {
  /** `http://127.0.0.1:<port>`: a robot's URL is this with the vendor's path and token. */
  origin: string;
  /** The DingTalk signing secret it checks signatures with (give it as the robot's `secret`). */
  secret: string;
  received: ReceivedPost[];
  /** Answer this token's posts with `status` (500: the robot is down), until set back to 200. */
  answer(token: string, status: number): void;
  close(): Promise<void>;
}

const HOUR_MS = 3_600_000;

/** The DingTalk secret of `npm start`'s receiver: fixed, so a robot pointed at it keeps working across restarts. */
export const LOCAL_ROBOT_SECRET = 'SEClocal-robot-receiver';

function validSignature(secret: string, timestamp: string | null, sign: string | null, now: number): boolean {
  if (!timestamp || !sign || !/^\d+$/.test(timestamp) || Math.abs(now - Number(timestamp)) > HOUR_MS) return false;
  const expected = createHmac('sha256', secret).update(`${timestamp}\n${secret}`, 'utf8').digest();
  const given = Buffer.from(sign, 'base64');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

async function readBody(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(Buffer.from(chunk));
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    return undefined;
  }
}

/**
 * A stand-in for DingTalk's and WeCom's robots under `npm start` and in tests: it takes posts on the
 * vendors' paths, checks DingTalk's signature as DingTalk does (answering errcode 310000 when it is
 * wrong), and keeps what it received, listed as JSON at `/received`. What tests check is what a
 * group would have been shown.
 */
export async function startRobotReceiver(options: { host?: string; port?: number; secret?: string } = {}): Promise<RobotReceiver> {
  const secret = options.secret ?? `SEC${randomBytes(24).toString('hex')}`;
  const received: ReceivedPost[] = [];
  const statuses = new Map<string, number>();
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://receiver');
    const send = (status: number, body: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
      response.end(JSON.stringify(body));
    };
    if (request.method === 'GET' && url.pathname === '/received') return send(200, received);
    const vendor = url.pathname === '/robot/send' ? 'dingtalk' : url.pathname === '/cgi-bin/webhook/send' ? 'wecom' : undefined;
    if (request.method !== 'POST' || !vendor) return send(404, { errcode: 404, errmsg: 'not a robot path' });
    void readBody(request).then((body) => {
      const token = url.searchParams.get(vendor === 'dingtalk' ? 'access_token' : 'key') ?? '';
      const signatureValid = vendor === 'wecom' || validSignature(secret, url.searchParams.get('timestamp'), url.searchParams.get('sign'), Date.now());
      const status = statuses.get(token) ?? 200;
      received.push({ at: new Date().toISOString(), vendor, token, signatureValid, status, body });
      if (status !== 200) return send(status, { errcode: -1, errmsg: 'robot down' });
      if (!token) return send(200, { errcode: vendor === 'dingtalk' ? 300001 : 93000, errmsg: 'token missing' });
      if (!signatureValid) return send(200, { errcode: 310000, errmsg: 'sign not match' });
      return send(200, { errcode: 0, errmsg: 'ok' });
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    secret,
    received,
    answer: (token, status) => { statuses.set(token, status); },
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
