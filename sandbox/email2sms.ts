/**
 * Email 2 SMS, the document's last section: an SMTP receiver that turns a mail into an SMS.
 * To: `<mobile>@smscenter.co.il` (several allowed); From: the sender signature (the display name, else
 * the sender's address); Subject: the user name and the encrypted API password; Body: the text.
 */
import {
	SMTPServer,
	type SMTPServerAddress,
	type SMTPServerDataStream,
	type SMTPServerSession,
} from 'smtp-server';
import { simpleParser, type AddressObject } from 'mailparser';
import type { AddressInfo } from 'node:net';
import { readGatewayNumber } from './numbers';
import { PUSH_ANSWERS, type Gateway } from './gateway';

export const EMAIL_DOMAIN = 'smscenter.co.il';
const MAX_RECIPIENTS = 100;
const MAX_MESSAGE_BYTES = 256 * 1024;

/** One mail the receiver was handed, kept for inspection (never the subject: it holds the password). */
export interface ReceivedEmail {
	at: Date;
	remoteAddress: string;
	mailFrom: string;
	rcptTo: string[];
	/** The sender signature taken from From. */
	sender: string;
	/** The user name read from the subject, if any. */
	userName: string;
	text: string;
	accepted: boolean;
	/** The gateway's answer: OK, or why the mail was refused, in pushsms.aspx's words. */
	answer: string;
	messageId?: string;
}

export interface Email2Sms {
	host: string;
	port: number;
	received: ReceivedEmail[];
	close(): Promise<void>;
}

/** The login in a subject: the user name and the password, separated by spaces, a comma or a semicolon. */
export function readSubjectLogin(
	subject: string,
): { userName: string; password: string } | undefined {
	const parts = subject
		.trim()
		.split(/[\s,;]+/)
		.filter((part) => part !== '');
	return parts.length === 2 ? { userName: parts[0], password: parts[1] } : undefined;
}

/** The mobile number of an `<mobile>@smscenter.co.il` address, or why the address is refused. */
export function readRecipientAddress(address: string): { mobile: string } | { refusal: string } {
	const at = address.lastIndexOf('@');
	const local = at > 0 ? address.slice(0, at) : '';
	const domain = at > 0 ? address.slice(at + 1).toLowerCase() : '';
	if (domain !== EMAIL_DOMAIN)
		return {
			refusal: `<${address}>: relaying denied, recipients must be <mobile number>@${EMAIL_DOMAIN}`,
		};
	if ('invalid' in readGatewayNumber(local, 'sms'))
		return {
			refusal: `<${address}>: "${local}" is not a mobile number (formats: +972541234567, 054-1234567, 0541234567)`,
		};
	return { mobile: local };
}

function smtpError(code: number, message: string): Error & { responseCode: number } {
	return Object.assign(new Error(message), { responseCode: code });
}

function senderOf(from: AddressObject | undefined, envelopeFrom: string): string {
	const first = from?.value[0];
	return (first?.name || first?.address || envelopeFrom).trim();
}

/** Reads the whole DATA stream (the client waits for its end), keeping at most the size limit. */
async function readStream(stream: SMTPServerDataStream): Promise<Buffer> {
	const chunks: Buffer[] = [];
	let kept = 0;
	for await (const chunk of stream) {
		const data = chunk as Buffer;
		if (kept + data.length <= MAX_MESSAGE_BYTES) chunks.push(data);
		kept += data.length;
	}
	return Buffer.concat(chunks);
}

/** Starts the SMTP receiver; `gateway` is read at each mail, so a sandbox reset is seen at once. */
export async function startEmail2Sms(
	gateway: () => Gateway,
	options: { host: string; port: number },
): Promise<Email2Sms> {
	const received: ReceivedEmail[] = [];

	async function handle(stream: SMTPServerDataStream, session: SMTPServerSession): Promise<string> {
		const raw = await readStream(stream);
		if (stream.sizeExceeded)
			throw smtpError(552, `Message exceeds the limit of ${MAX_MESSAGE_BYTES} bytes`);
		let parsed;
		try {
			parsed = await simpleParser(raw, {
				skipHtmlToText: false,
				skipImageLinks: true,
				skipTextLinks: true,
			});
		} catch {
			throw smtpError(550, 'The message could not be read');
		}
		const mailFrom = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
		const rcptTo = session.envelope.rcptTo.map((r) => r.address);
		const login = readSubjectLogin(parsed.subject ?? '');
		const text = (parsed.text ?? '').replace(/\s+$/, '');
		const sender = senderOf(parsed.from, mailFrom);
		const mobiles = rcptTo
			.map((address) => readRecipientAddress(address))
			.flatMap((r) => ('mobile' in r ? [r.mobile] : []));
		const result = login
			? gateway().sendEmailSms({ ...login, sender, mobiles, text }, session.remoteAddress)
			: { answer: PUSH_ANSWERS.badLogin, message: undefined };
		received.push({
			at: new Date(),
			remoteAddress: session.remoteAddress,
			mailFrom,
			rcptTo,
			sender,
			userName: login?.userName ?? '',
			text,
			accepted: result.answer === PUSH_ANSWERS.ok,
			answer: result.answer,
			messageId: result.message?.id,
		});
		if (!result.message) throw smtpError(550, result.answer);
		return `OK: queued as SMS message ${result.message.id}`;
	}

	const server = new SMTPServer({
		banner: 'SMSCenter Email 2 SMS (sandbox)',
		disabledCommands: ['AUTH', 'STARTTLS'],
		authOptional: true,
		size: MAX_MESSAGE_BYTES,
		maxClients: 50,
		socketTimeout: 30_000,
		closeTimeout: 1_000,
		logger: false,
		onRcptTo(
			address: SMTPServerAddress,
			session: SMTPServerSession,
			callback: (err?: Error | null) => void,
		) {
			if (session.envelope.rcptTo.length >= MAX_RECIPIENTS)
				return callback(smtpError(452, `At most ${MAX_RECIPIENTS} recipients per message`));
			const verdict = readRecipientAddress(address.address);
			callback('refusal' in verdict ? smtpError(550, verdict.refusal) : null);
		},
		onData(
			stream: SMTPServerDataStream,
			session: SMTPServerSession,
			callback: (err?: Error | null, message?: string) => void,
		) {
			handle(stream, session).then(
				(message) => callback(null, message),
				(error: Error) => callback(error),
			);
		},
	});
	server.on('error', () => {
		// A client's broken connection is that client's problem; the receiver keeps serving.
	});
	await new Promise<void>((resolve) => server.listen(options.port, options.host, () => resolve()));
	const port = (server.server.address() as AddressInfo).port;
	return {
		host: options.host,
		port,
		received,
		close: () => new Promise<void>((resolve) => server.close(() => resolve())),
	};
}
