import { connect, type Socket } from 'node:net';

/** One SMTP reply: its code and its text (continuation lines joined). */
export interface SmtpReply {
	code: number;
	text: string;
}

/** A plain SMTP client, one command at a time, so a test sees the server's answer to each. */
export class SmtpClient {
	private buffer = '';
	private waiting?: (reply: SmtpReply) => void;
	private readonly replies: SmtpReply[] = [];

	private constructor(private readonly socket: Socket) {
		socket.setEncoding('utf8');
		socket.on('data', (chunk: string) => {
			this.buffer += chunk;
			this.drain();
		});
	}

	static async open(
		host: string,
		port: number,
	): Promise<{ client: SmtpClient; greeting: SmtpReply }> {
		const socket = connect(port, host);
		await new Promise<void>((resolve, reject) => {
			socket.once('connect', resolve);
			socket.once('error', reject);
		});
		const client = new SmtpClient(socket);
		return { client, greeting: await client.next() };
	}

	async command(line: string): Promise<SmtpReply> {
		this.socket.write(`${line}\r\n`);
		return await this.next();
	}

	/** Sends a message body after DATA (dot-stuffed, CRLF line ends) and returns the final reply. */
	async data(message: string): Promise<SmtpReply> {
		const start = await this.command('DATA');
		if (start.code !== 354) return start;
		const body = message.replace(/\r?\n/g, '\r\n').replace(/^\./gm, '..');
		this.socket.write(`${body}\r\n.\r\n`);
		return await this.next();
	}

	async close(): Promise<void> {
		await this.command('QUIT').catch(() => undefined);
		this.socket.destroy();
	}

	private next(): Promise<SmtpReply> {
		const ready = this.replies.shift();
		if (ready) return Promise.resolve(ready);
		return new Promise((resolve) => (this.waiting = resolve));
	}

	private drain(): void {
		for (;;) {
			const lines = this.buffer.split('\r\n');
			const last = lines.findIndex((line) => /^\d{3} /.test(line));
			if (last < 0) return;
			const reply = {
				code: Number(lines[last].slice(0, 3)),
				text: lines
					.slice(0, last + 1)
					.map((line) => line.slice(4))
					.join('\n'),
			};
			this.buffer = lines.slice(last + 1).join('\r\n');
			const waiter = this.waiting;
			this.waiting = undefined;
			if (waiter) waiter(reply);
			else this.replies.push(reply);
		}
	}
}

/** Sends one mail: EHLO, MAIL FROM, one RCPT TO per recipient, DATA. Returns every reply, in order. */
export async function sendMail(
	host: string,
	port: number,
	mail: { from: string; to: string[]; message: string },
): Promise<{
	greeting: SmtpReply;
	ehlo: SmtpReply;
	mailFrom: SmtpReply;
	rcpt: SmtpReply[];
	data?: SmtpReply;
}> {
	const { client, greeting } = await SmtpClient.open(host, port);
	try {
		const ehlo = await client.command('EHLO tests.local');
		const mailFrom = await client.command(`MAIL FROM:<${mail.from}>`);
		const rcpt: SmtpReply[] = [];
		for (const to of mail.to) rcpt.push(await client.command(`RCPT TO:<${to}>`));
		const data = rcpt.some((reply) => reply.code === 250)
			? await client.data(mail.message)
			: undefined;
		return { greeting, ehlo, mailFrom, rcpt, data };
	} finally {
		await client.close();
	}
}

/** A plain-text mail with the given headers. */
export function textMail(headers: Record<string, string>, body: string): string {
	const lines = Object.entries({
		'MIME-Version': '1.0',
		'Content-Type': 'text/plain; charset=utf-8',
		'Content-Transfer-Encoding': '8bit',
		...headers,
	}).map(([k, v]) => `${k}: ${v}`);
	return `${lines.join('\r\n')}\r\n\r\n${body}`;
}
