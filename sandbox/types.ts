/** Shapes shared by the SMSCenter sandbox modules. */

export type DeliveryOutcome = 'delivered' | 'undelivered' | 'rejected' | 'failed';

export interface IvrOutcome {
	status: string;
	callLength: number;
	response: string | null;
}

export interface SandboxUser {
	userName: string;
	password: string;
	disabled?: boolean;
	/** The user's own SMS allowance when `prepaidMode` is on. */
	sms?: number;
	prepaidMode?: boolean;
	/** The sandbox profile this login plays (see profiles.ts); the sandbox's default profile when missing. */
	profile?: string;
}

export interface SandboxCompany {
	name: string;
	disabled?: boolean;
	sms: number;
	ivrSeconds: number;
	mms: number;
	allowPull?: boolean;
	allowReverseBilling?: boolean;
	allowInternational?: boolean;
	allowUrlPush?: boolean;
	/** Remote addresses allowed to call; empty or missing means any. */
	allowedIps?: string[];
	/** Delivery notification URL with the document's tokens, or none. */
	notificationUrl?: string;
	/** IVR records (RecordID) this company may use. */
	records?: number[];
	userPrepaidMode?: boolean;
	users: SandboxUser[];
}

export interface SandboxRules {
	/** Final SMS outcome by the recipient number's last digit; others are delivered. */
	smsByLastDigit?: Record<string, DeliveryOutcome>;
	/** IVR outcome by the recipient number's last digit; others use `ivrDefault`. */
	ivrByLastDigit?: Record<string, IvrOutcome>;
	ivrDefault?: IvrOutcome;
	/** Seconds (real, before time scaling) from send to the provider's acceptance and to the final state. */
	acceptAfterSeconds?: number;
	finalAfterSeconds?: number;
}

export interface SandboxFixture {
	companies: SandboxCompany[];
	rules?: SandboxRules;
}

export interface SentRecipient {
	/** The number as the gateway stores it: 972 followed by the national number. */
	msisdn: string;
	/** The delivery status the recipient ends with (200 when the gateway itself failed it, before any provider). */
	status: number;
	/** The reason code of that final status, from the document's table. */
	reason: number;
	ivr?: IvrOutcome;
}

export interface SentMessage {
	id: string;
	kind: 'sms' | 'ivr' | 'pushsms' | 'email';
	/** The profile the sending login played. */
	profile: string;
	company: string;
	userName: string;
	sender: string;
	text: string;
	segments: number;
	operation: string;
	messageOption: string;
	price: number;
	delayMinutes: number;
	expirationMinutes: number;
	recordId?: number;
	ccEmails: string[];
	recipients: SentRecipient[];
	sentAt: Date;
}

export interface ReceivedRequest {
	at: Date;
	method: string;
	path: string;
	query: Record<string, string>;
	headers: Record<string, string>;
	body: string;
	remoteAddress: string;
	/** Filled for ASMX and pushsms calls once the sandbox understood them. */
	protocol?: 'soap' | 'form' | 'get' | 'pushsms';
	service?: string;
	operation?: string;
	params?: Record<string, string>;
}

export interface DlrAttempt {
	messageId: string;
	msisdn: string;
	statusCode: number;
	/** Virtual minutes after the first attempt, following the document's retry schedule. */
	scheduledMinute: number;
	attempt: number;
	url: string;
	at: Date;
	ok: boolean;
	httpStatus?: number;
	body?: string;
	error?: string;
}

export type FaultKind = 'latency' | 'http500' | 'http503' | 'hang' | 'resetBeforeBody' | 'resetAfterBody' | 'malformedXml' | 'soapFault' | 'emptyBody' | 'unknownEnum';

export interface FaultRule {
	kind: FaultKind;
	/** Added delay in ms for `latency` (and before any other fault). */
	latencyMs?: number;
	/** How many matching requests get the fault; unlimited when missing. */
	times?: number;
}
