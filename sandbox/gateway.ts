import { Accounts, type Login, type LoginRefusal } from './accounts';
import { readGatewayNumber, splitNumberList } from './numbers';
import { chargedSegments, firstSegmentText } from './segments';
import { DEFAULT_REASON, reasonFromNumber, statusOfReason } from './deliveryCodes';
import { describeReport } from './reports';
import type { SandboxProfile } from './profiles';
import type { DlrNotifier } from './dlr';
import type {
	DeliveryOutcome,
	IvrOutcome,
	SandboxFixture,
	SentMessage,
	SentRecipient,
} from './types';

/** `SendMessageReturnValues` names, as the live WSDL spells them. */
const ASMX_LOGIN_CODES: Record<LoginRefusal, string> = {
	badLogin: 'InvalidUserNameOrPassword',
	userDisabled: 'UserIsDisabledOrDeleted',
	companyDisabled: 'CompanyIsDisabled',
	ipNotAllowed: 'InvalidIPAddress',
};

/** The plain-text answers of pushsms.aspx (also the reasons an Email 2 SMS message is refused). */
export const PUSH_ANSWERS = {
	ok: 'OK',
	badLogin: 'Invalid Username or Password.',
	emptyMessage: 'The message cannot be empty.',
	emptySender: 'The Sender cannot be empty.',
	emptyRecipient: 'The Recipient Phone Number cannot be empty',
	noPermission: 'Company Has No Permission To Send to the specified Operator.',
	companyDisabled: 'Company is Disabled.',
	userDisabled: 'User is disabled or deleted.',
	noMorePush: 'Company is not allowed to push more messages through URL or MAIL',
} as const;

const PUSH_LOGIN_ANSWERS: Record<LoginRefusal, string> = {
	badLogin: PUSH_ANSWERS.badLogin,
	userDisabled: PUSH_ANSWERS.userDisabled,
	companyDisabled: PUSH_ANSWERS.companyDisabled,
	ipNotAllowed: PUSH_ANSWERS.noPermission,
};

export interface SmsRequest {
	userName: string;
	password: string;
	senderName: string;
	sendToPhoneNumbers: string;
	ccToEmail: string;
	message: string;
	smsOperation: string;
	deliveryDelayInMinutes: number;
	expirationDelayInMinutes: number;
	messageOption: string;
	price: number;
}

export interface IvrRequest {
	userName: string;
	password: string;
	senderName: string;
	recordId: number;
	sendToPhoneNumbers: string;
	message: string;
	deliveryDelayInMinutes: number;
	expirationDelayInMinutes: number;
}

export interface EmailSmsRequest {
	userName: string;
	password: string;
	sender: string;
	/** The local parts of the `<mobile>@smscenter.co.il` recipients. */
	mobiles: string[];
	text: string;
}

export interface SendResult {
	code: string;
	messageId: string;
	profile: SandboxProfile;
}

export interface IvrResponseRow {
	mobile: string;
	status: string;
	sendDate: Date;
	callLength: number;
	response: string | null;
}

export interface CompanyBalance {
	result: string;
	/** Missing when the profile leaves the balance elements out. */
	balances?: { sms: number; ivrSeconds: number; mms: number };
	profile: SandboxProfile;
}

export interface UserBalances {
	result: string;
	companyWorkingInUserPrepaidMode: boolean;
	users: Array<{ userName: string; sms: number; prepaidMode: boolean }>;
	profile: SandboxProfile;
}

const DEFAULT_IVR: IvrOutcome = { status: 'IVRCallSuccess', callLength: 8, response: '2' };
const EXPIRED_IVR: IvrOutcome = { status: 'MessageExpired', callLength: 0, response: null };

const OUTCOME_STATUS: Record<DeliveryOutcome, number> = {
	delivered: 600,
	undelivered: 700,
	rejected: 400,
	failed: 200,
};

/** A message waiting to be recorded: what the request asked for, before recipients and ids. */
type MessageDetails = Omit<
	SentMessage,
	'id' | 'kind' | 'profile' | 'company' | 'userName' | 'recipients' | 'sentAt'
>;

/** The gateway's business rules: logins, validation, charging, message state and notifications. */
export class Gateway {
	readonly accounts: Accounts;
	readonly messages = new Map<string, SentMessage>();
	private nextId = 1000001;

	constructor(
		private readonly fixture: SandboxFixture,
		private readonly timeScale: number,
		private readonly notifier: DlrNotifier,
		defaultProfile?: string,
	) {
		this.accounts = new Accounts(fixture, defaultProfile);
	}

	/** The sender's profile, its answer for a send that sends nothing, and its login (or why it failed). */
	private sender(request: { userName: string; password: string }, remoteAddress: string) {
		const profile = this.accounts.profileOf(request.userName);
		const none = (code: string): SendResult => ({
			code,
			messageId: profile.behaviour.failedMessageId,
			profile,
		});
		const login = this.accounts.login(request.userName, request.password, remoteAddress);
		return { profile, none, login };
	}

	sendSms(request: SmsRequest, remoteAddress: string): SendResult {
		const { profile, none, login } = this.sender(request, remoteAddress);
		if (typeof login === 'string') return none(ASMX_LOGIN_CODES[login]);
		if (request.message.trim() === '') return none('MessageCanNotBeEmpty');
		if (request.smsOperation === 'ReverseBilling' && !login.company.allowReverseBilling) {
			return none('CompanyIsNotAllowedToSendReverseBillingMessages');
		}
		if (request.smsOperation === 'ReverseBilling' && !(request.price > 0))
			return none('PriceForReverseBillingCantBeZero');
		if (request.smsOperation === 'Pull' && !login.company.allowPull)
			return none('CompanyNotAllowedToSendToSpecifiedProvider');
		if (request.smsOperation !== 'Pull' && request.senderName.trim() === '')
			return none('NoMessagesSent');
		const numbers = splitNumberList(request.sendToPhoneNumbers);
		if (numbers.length === 0) return none('ThePhoneNumberListMustContainAtLeastOneNumber');
		const ccEmails = splitNumberList(request.ccToEmail);
		if (profile.behaviour.ccMustPair && ccEmails.length > 0 && ccEmails.length !== numbers.length) {
			return none('ThePhoneNumberListAndTheCCListMustHaveTheSameNumberOfItems');
		}

		const accepted: string[] = [];
		let rejected = 0;
		let routeRefused = 0;
		for (const raw of numbers) {
			const verdict = readGatewayNumber(raw, 'sms');
			if ('invalid' in verdict) rejected++;
			else if (verdict.international && !login.company.allowInternational) routeRefused++;
			else accepted.push(verdict.msisdn);
		}
		if (accepted.length === 0) {
			return none(
				routeRefused > 0 ? 'CompanyNotAllowedToSendToSpecifiedProvider' : 'InvalidPhoneNumber',
			);
		}

		const segments = chargedSegments(request.message);
		const expired = this.expiresAtOnce(
			login,
			request.deliveryDelayInMinutes,
			request.expirationDelayInMinutes,
		);
		const recipients = this.planRecipients(login, accepted, segments, expired);
		// An expired message was still taken by the gateway (answered OK); other status-200 recipients were refused.
		const sentCount = recipients.filter((r) => r.status !== 200 || r.reason === 210).length;
		if (sentCount === 0) return none('NoMessagesSent');

		const message = this.record(login, 'sms', recipients, {
			sender: request.senderName,
			text: request.message,
			segments,
			operation: request.smsOperation,
			messageOption: request.messageOption,
			price: request.price,
			delayMinutes: request.deliveryDelayInMinutes,
			expirationMinutes: request.expirationDelayInMinutes,
			ccEmails,
		});
		const partial = rejected + routeRefused > 0 || sentCount < recipients.length;
		return { code: partial ? 'SomeMessagesSent' : 'OK', messageId: message.id, profile };
	}

	sendIvr(request: IvrRequest, remoteAddress: string): SendResult {
		const { profile, none, login } = this.sender(request, remoteAddress);
		if (typeof login === 'string') return none(ASMX_LOGIN_CODES[login]);
		if (!(login.company.records ?? []).includes(request.recordId))
			return none('RecordIsNotAllowed');
		const numbers = splitNumberList(request.sendToPhoneNumbers);
		if (numbers.length === 0) return none('ThePhoneNumberListMustContainAtLeastOneNumber');
		const accepted: string[] = [];
		for (const raw of numbers) {
			const verdict = readGatewayNumber(raw, 'ivr');
			if (!('invalid' in verdict)) accepted.push(verdict.msisdn);
		}
		if (accepted.length === 0) return none('InvalidPhoneNumber');
		const expired = this.expiresAtOnce(
			login,
			request.deliveryDelayInMinutes,
			request.expirationDelayInMinutes,
		);
		const recipients: SentRecipient[] = accepted.map((msisdn) => {
			if (expired) return { msisdn, status: 200, reason: 210, ivr: EXPIRED_IVR };
			const planned = this.ivrOutcome(msisdn);
			const prepaid = login.profile.behaviour.prepaid;
			const affordable =
				!prepaid ||
				(login.company.ivrSeconds >= planned.callLength && login.company.ivrSeconds > 0);
			if (affordable && prepaid) login.company.ivrSeconds -= planned.callLength;
			const ivr = affordable
				? planned
				: { status: 'NotEnoughIVRSecondsAvailable', callLength: 0, response: null };
			return { msisdn, status: affordable ? 600 : 200, reason: affordable ? 601 : 204, ivr };
		});
		const message = this.record(login, 'ivr', recipients, {
			sender: request.senderName,
			text: request.message,
			segments: 0,
			operation: 'IVR',
			messageOption: 'Regular',
			price: 0,
			delayMinutes: request.deliveryDelayInMinutes,
			expirationMinutes: request.expirationDelayInMinutes,
			recordId: request.recordId,
			ccEmails: [],
		});
		return {
			code: accepted.length < numbers.length ? 'SomeMessagesSent' : 'OK',
			messageId: message.id,
			profile,
		};
	}

	ivrResponses(
		userName: string,
		password: string,
		messageId: string,
		remoteAddress: string,
	): { login: string; rows: IvrResponseRow[]; profile: SandboxProfile } {
		const profile = this.accounts.profileOf(userName);
		const login = this.accounts.login(userName, password, remoteAddress);
		if (typeof login === 'string') return { login: ASMX_LOGIN_CODES[login], rows: [], profile };
		const message = this.messages.get(messageId);
		if (!message || message.kind !== 'ivr' || message.company !== login.company.name)
			return { login: 'OK', rows: [], profile };
		const state = this.elapsedState(message);
		const rows = message.recipients.map((recipient) => {
			const ivr = recipient.ivr ?? DEFAULT_IVR;
			const done = state === 'final' || recipient.status === 200;
			return {
				mobile: recipient.msisdn,
				status: done ? ivr.status : state === 'queued' ? 'Queued' : 'Calling',
				sendDate: message.sentAt,
				callLength: done ? ivr.callLength : 0,
				response: done ? ivr.response : null,
			};
		});
		return { login: 'OK', rows, profile };
	}

	companyBalance(userName: string, password: string, remoteAddress: string): CompanyBalance {
		const profile = this.accounts.profileOf(userName);
		const login = this.accounts.login(userName, password, remoteAddress);
		if (typeof login === 'string')
			return {
				result: ASMX_LOGIN_CODES[login],
				balances: { sms: 0, ivrSeconds: 0, mms: 0 },
				profile,
			};
		const { behaviour } = profile;
		if (!behaviour.companyBalanceShown) return { result: behaviour.companyBalanceResult, profile };
		const { sms, ivrSeconds, mms } = login.company;
		const balances = behaviour.prepaid
			? { sms, ivrSeconds, mms }
			: { sms: 0, ivrSeconds: 0, mms: 0 };
		return { result: behaviour.companyBalanceResult, balances, profile };
	}

	userBalances(
		userName: string,
		password: string,
		mode: string,
		remoteAddress: string,
	): UserBalances {
		const profile = this.accounts.profileOf(userName);
		const login = this.accounts.login(userName, password, remoteAddress);
		if (typeof login === 'string')
			return {
				result: ASMX_LOGIN_CODES[login],
				companyWorkingInUserPrepaidMode: false,
				users: [],
				profile,
			};
		const { behaviour } = profile;
		if (mode !== 'ThisUser' && behaviour.allUsersResult !== 'OK') {
			return {
				result: behaviour.allUsersResult,
				companyWorkingInUserPrepaidMode: false,
				users: [],
				profile,
			};
		}
		const users = mode === 'ThisUser' ? [login.user] : login.company.users;
		const prepaid = behaviour.prepaid;
		return {
			result: 'OK',
			companyWorkingInUserPrepaidMode: prepaid && login.company.userPrepaidMode === true,
			users: users.map((user) => ({
				userName: user.userName,
				sms: prepaid ? (user.sms ?? 0) : 0,
				prepaidMode: prepaid && user.prepaidMode === true,
			})),
			profile,
		};
	}

	/**
	 * pushsms.aspx: one recipient, plain-text answer. Parameters are read as ASP.NET's `Request[name]`
	 * does (query string first, then the form, names in any letter case), or from the query string
	 * alone for a login whose profile reads only the URL.
	 */
	pushSms(
		query: URLSearchParams,
		form: URLSearchParams | undefined,
		remoteAddress: string,
	): string {
		const field = (source: URLSearchParams[], name: string): string => {
			for (const params of source) {
				for (const [key, value] of params) if (key.toLowerCase() === name) return value;
			}
			return '';
		};
		const everywhere = form ? [query, form] : [query];
		const profile = this.accounts.profileOf(field(everywhere, 'username'));
		const sources = profile.behaviour.pushReads === 'queryOnly' ? [query] : everywhere;
		const param = (name: string) => field(sources, name);
		// ENC=1 carries a login and text encrypted by a Windows ActiveX DLL whose algorithm is not published.
		if (param('enc') === '1') return PUSH_ANSWERS.badLogin;
		const login = this.accounts.login(param('username'), param('password'), remoteAddress);
		if (typeof login === 'string') return PUSH_LOGIN_ANSWERS[login];
		if (login.company.allowUrlPush === false) return PUSH_ANSWERS.noMorePush;
		const message = param('message');
		if (message.trim() === '') return PUSH_ANSWERS.emptyMessage;
		const sender = param('sender');
		if (sender.trim() === '') return PUSH_ANSWERS.emptySender;
		const to = param('tophonenumber').trim();
		if (to === '') return PUSH_ANSWERS.emptyRecipient;
		const verdict = readGatewayNumber(to, 'sms');
		if ('invalid' in verdict || (verdict.international && !login.company.allowInternational)) {
			return PUSH_ANSWERS.noPermission;
		}
		const chaining = param('enablechaining') === '1';
		const text = chaining ? message : firstSegmentText(message);
		const segments = chargedSegments(text);
		const recipients = this.planRecipients(login, [verdict.msisdn], segments, false);
		this.record(login, 'pushsms', recipients, {
			sender,
			text,
			segments,
			operation: 'Push',
			messageOption: chaining ? 'Concatenated' : 'Regular',
			price: 0,
			delayMinutes: 0,
			expirationMinutes: 0,
			ccEmails: [],
		});
		return PUSH_ANSWERS.ok;
	}

	/**
	 * Email 2 SMS: the login from the subject, the sender from From, one recipient per
	 * `<mobile>@smscenter.co.il` address. Refused with pushsms.aspx's words, the same rules applying
	 * ("through URL or MAIL").
	 */
	sendEmailSms(
		request: EmailSmsRequest,
		remoteAddress: string,
	): { answer: string; message?: SentMessage } {
		const login = this.accounts.login(request.userName, request.password, remoteAddress);
		if (typeof login === 'string') return { answer: PUSH_LOGIN_ANSWERS[login] };
		if (login.company.allowUrlPush === false) return { answer: PUSH_ANSWERS.noMorePush };
		if (request.text.trim() === '') return { answer: PUSH_ANSWERS.emptyMessage };
		if (request.sender.trim() === '') return { answer: PUSH_ANSWERS.emptySender };
		if (request.mobiles.length === 0) return { answer: PUSH_ANSWERS.emptyRecipient };
		const accepted: string[] = [];
		for (const mobile of request.mobiles) {
			const verdict = readGatewayNumber(mobile, 'sms');
			if (!('invalid' in verdict) && (!verdict.international || login.company.allowInternational))
				accepted.push(verdict.msisdn);
		}
		if (accepted.length === 0) return { answer: PUSH_ANSWERS.noPermission };
		const segments = chargedSegments(request.text);
		const recipients = this.planRecipients(login, accepted, segments, false);
		const message = this.record(login, 'email', recipients, {
			sender: request.sender,
			text: request.text,
			segments,
			operation: 'Push',
			messageOption: segments > 1 ? 'Concatenated' : 'Regular',
			price: 0,
			delayMinutes: 0,
			expirationMinutes: 0,
			ccEmails: [],
		});
		return { answer: PUSH_ANSWERS.ok, message };
	}

	/**
	 * The message expires before it is sent: with a positive expiration no later than the delivery
	 * delay, or with expiration 0 under a profile that reads 0 as "expire now".
	 */
	private expiresAtOnce(login: Login, delayMinutes: number, expirationMinutes: number): boolean {
		if (expirationMinutes === 0) return login.profile.behaviour.expirationZero === 'immediately';
		return expirationMinutes > 0 && delayMinutes >= expirationMinutes;
	}

	/** Each recipient's final status and reason; charges the balance for those that go out. */
	private planRecipients(
		login: Login,
		msisdns: string[],
		segments: number,
		expired: boolean,
	): SentRecipient[] {
		const { behaviour } = login.profile;
		return msisdns.map((msisdn) => {
			if (expired) return { msisdn, status: 200, reason: 210 };
			if (behaviour.refusedLastDigit !== undefined && msisdn.endsWith(behaviour.refusedLastDigit))
				return { msisdn, status: 200, reason: 214 };
			const chosen = reasonFromNumber(msisdn);
			if (chosen !== undefined && statusOfReason(chosen) === 200)
				return { msisdn, status: 200, reason: chosen };
			if (behaviour.prepaid && this.accounts.smsAvailable(login) < segments)
				return { msisdn, status: 200, reason: 207 };
			if (behaviour.prepaid) this.accounts.chargeSms(login, segments);
			if (chosen !== undefined)
				return { msisdn, status: statusOfReason(chosen) ?? 700, reason: chosen };
			const status = OUTCOME_STATUS[this.smsOutcome(msisdn)];
			return { msisdn, status, reason: DEFAULT_REASON[status] };
		});
	}

	private record(
		login: Login,
		kind: SentMessage['kind'],
		recipients: SentRecipient[],
		details: MessageDetails,
	): SentMessage {
		const message: SentMessage = {
			id: String(this.nextId++),
			kind,
			profile: login.profile.name,
			company: login.company.name,
			userName: login.user.userName,
			recipients,
			sentAt: new Date(),
			...details,
		};
		this.messages.set(message.id, message);
		if (kind !== 'ivr' && login.company.notificationUrl) {
			this.scheduleNotifications(message, login.company.notificationUrl, login.profile);
		}
		return message;
	}

	/**
	 * The reports each recipient gets: a gateway failure (200) alone; otherwise 300 Accepted when the
	 * provider takes the message, then the final status (a recipient that stays accepted gets only 300).
	 */
	private scheduleNotifications(
		message: SentMessage,
		template: string,
		profile: SandboxProfile,
	): void {
		const { delayMs, acceptMs, finalMs } = this.timings(message);
		const report = (msisdn: string, statusCode: number, reasonCode: number, afterMs: number) =>
			this.notifier.notify(
				template,
				describeReport(
					{
						messageId: message.id,
						msisdn,
						statusCode,
						reasonCode,
						at: new Date(message.sentAt.getTime() + afterMs),
					},
					profile.behaviour,
				),
				profile.behaviour,
				afterMs,
			);
		for (const recipient of message.recipients) {
			if (recipient.status === 200) {
				report(recipient.msisdn, 200, recipient.reason, delayMs);
				continue;
			}
			report(recipient.msisdn, 300, 301, acceptMs);
			if (recipient.status !== 300)
				report(recipient.msisdn, recipient.status, recipient.reason, finalMs);
		}
	}

	private timings(message: SentMessage): { delayMs: number; acceptMs: number; finalMs: number } {
		const rules = this.fixture.rules ?? {};
		const delayMs = message.delayMinutes * 60_000 * this.timeScale;
		return {
			delayMs,
			acceptMs: delayMs + (rules.acceptAfterSeconds ?? 0.05) * 1000,
			finalMs: delayMs + (rules.finalAfterSeconds ?? 0.1) * 1000,
		};
	}

	private elapsedState(message: SentMessage): 'queued' | 'accepted' | 'final' {
		const { acceptMs, finalMs } = this.timings(message);
		const elapsed = Date.now() - message.sentAt.getTime();
		if (elapsed >= finalMs) return 'final';
		return elapsed >= acceptMs ? 'accepted' : 'queued';
	}

	private smsOutcome(msisdn: string): DeliveryOutcome {
		return this.fixture.rules?.smsByLastDigit?.[msisdn.slice(-1)] ?? 'delivered';
	}

	private ivrOutcome(msisdn: string): IvrOutcome {
		const rules = this.fixture.rules ?? {};
		return rules.ivrByLastDigit?.[msisdn.slice(-1)] ?? rules.ivrDefault ?? DEFAULT_IVR;
	}
}
