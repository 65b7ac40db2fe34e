import { Accounts, type Login, type LoginRefusal } from './accounts';
import { readGatewayNumber, splitNumberList } from './numbers';
import { chargedSegments, firstSegmentText } from './segments';
import type { DlrNotifier } from './dlr';
import type { DeliveryOutcome, IvrOutcome, RecipientState, SandboxFixture, SentMessage, SentRecipient } from './types';

/** `SendMessageReturnValues` names, as the live WSDL spells them. */
const ASMX_LOGIN_CODES: Record<LoginRefusal, string> = {
	badLogin: 'InvalidUserNameOrPassword',
	userDisabled: 'UserIsDisabledOrDeleted',
	companyDisabled: 'CompanyIsDisabled',
	ipNotAllowed: 'InvalidIPAddress',
};

/** The plain-text answers of pushsms.aspx. */
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

export interface SendResult {
	code: string;
	messageId: string;
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
	sms: number;
	ivrSeconds: number;
	mms: number;
}

export interface UserBalances {
	result: string;
	companyWorkingInUserPrepaidMode: boolean;
	users: Array<{ userName: string; sms: number; prepaidMode: boolean }>;
}

const DEFAULT_IVR: IvrOutcome = { status: 'IVRCallSuccess', callLength: 8, response: '2' };

/** The gateway's business rules: logins, validation, charging, message state and notifications. */
export class Gateway {
	readonly accounts: Accounts;
	readonly messages = new Map<string, SentMessage>();
	private nextId = 1000001;

	constructor(
		private readonly fixture: SandboxFixture,
		private readonly timeScale: number,
		private readonly notifier: DlrNotifier,
	) {
		this.accounts = new Accounts(fixture);
	}

	sendSms(request: SmsRequest, remoteAddress: string): SendResult {
		const none = (code: string): SendResult => ({ code, messageId: '0' });
		const login = this.accounts.login(request.userName, request.password, remoteAddress);
		if (typeof login === 'string') return none(ASMX_LOGIN_CODES[login]);
		if (request.message.trim() === '') return none('MessageCanNotBeEmpty');
		if (request.smsOperation === 'ReverseBilling' && !login.company.allowReverseBilling) {
			return none('CompanyIsNotAllowedToSendReverseBillingMessages');
		}
		if (request.smsOperation === 'ReverseBilling' && !(request.price > 0)) return none('PriceForReverseBillingCantBeZero');
		if (request.smsOperation === 'Pull' && !login.company.allowPull) return none('CompanyNotAllowedToSendToSpecifiedProvider');
		if (request.smsOperation !== 'Pull' && request.senderName.trim() === '') return none('NoMessagesSent');
		const numbers = splitNumberList(request.sendToPhoneNumbers);
		if (numbers.length === 0) return none('ThePhoneNumberListMustContainAtLeastOneNumber');

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
			return none(routeRefused > 0 ? 'CompanyNotAllowedToSendToSpecifiedProvider' : 'InvalidPhoneNumber');
		}

		const segments = chargedSegments(request.message);
		const recipients = this.chargeRecipients(login, accepted, segments);
		const sentCount = recipients.filter((r) => r.failReason === undefined).length;
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
			ccEmails: splitNumberList(request.ccToEmail),
		});
		const partial = rejected + routeRefused > 0 || sentCount < recipients.length;
		return { code: partial ? 'SomeMessagesSent' : 'OK', messageId: message.id };
	}

	sendIvr(request: IvrRequest, remoteAddress: string): SendResult {
		const none = (code: string): SendResult => ({ code, messageId: '0' });
		const login = this.accounts.login(request.userName, request.password, remoteAddress);
		if (typeof login === 'string') return none(ASMX_LOGIN_CODES[login]);
		if (!(login.company.records ?? []).includes(request.recordId)) return none('RecordIsNotAllowed');
		const numbers = splitNumberList(request.sendToPhoneNumbers);
		if (numbers.length === 0) return none('ThePhoneNumberListMustContainAtLeastOneNumber');
		const accepted: string[] = [];
		for (const raw of numbers) {
			const verdict = readGatewayNumber(raw, 'ivr');
			if (!('invalid' in verdict)) accepted.push(verdict.msisdn);
		}
		if (accepted.length === 0) return none('InvalidPhoneNumber');
		const recipients: SentRecipient[] = accepted.map((msisdn) => {
			const planned = this.ivrOutcome(msisdn);
			const affordable = login.company.ivrSeconds >= planned.callLength && login.company.ivrSeconds > 0;
			if (affordable) login.company.ivrSeconds -= planned.callLength;
			const ivr = affordable ? planned : { status: 'NotEnoughIVRSecondsAvailable', callLength: 0, response: null };
			return { msisdn, outcome: affordable ? 'delivered' : 'failed', ivr };
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
		return { code: accepted.length < numbers.length ? 'SomeMessagesSent' : 'OK', messageId: message.id };
	}

	ivrResponses(userName: string, password: string, messageId: string, remoteAddress: string): { login: string; rows: IvrResponseRow[] } {
		const login = this.accounts.login(userName, password, remoteAddress);
		if (typeof login === 'string') return { login: ASMX_LOGIN_CODES[login], rows: [] };
		const message = this.messages.get(messageId);
		if (!message || message.kind !== 'ivr' || message.company !== login.company.name) return { login: 'OK', rows: [] };
		const state = this.elapsedState(message);
		const rows = message.recipients.map((recipient) => {
			const ivr = recipient.ivr ?? DEFAULT_IVR;
			const done = state === 'final' || ivr.status === 'NotEnoughIVRSecondsAvailable';
			return {
				mobile: recipient.msisdn,
				status: done ? ivr.status : state === 'queued' ? 'Queued' : 'Calling',
				sendDate: message.sentAt,
				callLength: done ? ivr.callLength : 0,
				response: done ? ivr.response : null,
			};
		});
		return { login: 'OK', rows };
	}

	companyBalance(userName: string, password: string, remoteAddress: string): CompanyBalance {
		const login = this.accounts.login(userName, password, remoteAddress);
		if (typeof login === 'string') return { result: ASMX_LOGIN_CODES[login], sms: 0, ivrSeconds: 0, mms: 0 };
		const { sms, ivrSeconds, mms } = login.company;
		return { result: 'OK', sms, ivrSeconds, mms };
	}

	userBalances(userName: string, password: string, mode: string, remoteAddress: string): UserBalances {
		const login = this.accounts.login(userName, password, remoteAddress);
		if (typeof login === 'string') return { result: ASMX_LOGIN_CODES[login], companyWorkingInUserPrepaidMode: false, users: [] };
		const users = mode === 'ThisUser' ? [login.user] : login.company.users;
		return {
			result: 'OK',
			companyWorkingInUserPrepaidMode: login.company.userPrepaidMode === true,
			users: users.map((user) => ({ userName: user.userName, sms: user.sms ?? 0, prepaidMode: user.prepaidMode === true })),
		};
	}

	/** pushsms.aspx: one recipient, plain-text answer. */
	pushSms(params: Record<string, string>, remoteAddress: string): string {
		const login = this.accounts.login(params.username ?? '', params.password ?? '', remoteAddress);
		if (typeof login === 'string') return PUSH_LOGIN_ANSWERS[login];
		if (login.company.allowUrlPush === false) return PUSH_ANSWERS.noMorePush;
		const message = params.message ?? '';
		if (message.trim() === '') return PUSH_ANSWERS.emptyMessage;
		const sender = params.sender ?? '';
		if (sender.trim() === '') return PUSH_ANSWERS.emptySender;
		const to = (params.tophonenumber ?? '').trim();
		if (to === '') return PUSH_ANSWERS.emptyRecipient;
		const verdict = readGatewayNumber(to, 'sms');
		if ('invalid' in verdict || (verdict.international && !login.company.allowInternational)) {
			return PUSH_ANSWERS.noPermission;
		}
		const text = params.enablechaining === '1' ? message : firstSegmentText(message);
		const segments = chargedSegments(text);
		const recipients = this.chargeRecipients(login, [verdict.msisdn], segments);
		this.record(login, 'pushsms', recipients, {
			sender,
			text,
			segments,
			operation: 'Push',
			messageOption: params.enablechaining === '1' ? 'Concatenated' : 'Regular',
			price: 0,
			delayMinutes: 0,
			expirationMinutes: 0,
			ccEmails: [],
		});
		return PUSH_ANSWERS.ok;
	}

	/** Where a recipient of a message stands now. */
	recipientState(message: SentMessage, recipient: SentRecipient): RecipientState {
		if (recipient.failReason !== undefined) return 'failed';
		const state = this.elapsedState(message);
		return state === 'final' ? recipient.outcome : state;
	}

	private chargeRecipients(login: Login, msisdns: string[], segments: number): SentRecipient[] {
		return msisdns.map((msisdn) => {
			if (this.accounts.smsAvailable(login) < segments) {
				return { msisdn, outcome: 'failed', failReason: 207 };
			}
			this.accounts.chargeSms(login, segments);
			return { msisdn, outcome: this.smsOutcome(msisdn) };
		});
	}

	private record(
		login: Login,
		kind: SentMessage['kind'],
		recipients: SentRecipient[],
		details: Omit<SentMessage, 'id' | 'kind' | 'company' | 'userName' | 'recipients' | 'sentAt'>,
	): SentMessage {
		const message: SentMessage = {
			id: String(this.nextId++),
			kind,
			company: login.company.name,
			userName: login.user.userName,
			recipients,
			sentAt: new Date(),
			...details,
		};
		this.messages.set(message.id, message);
		if (kind !== 'ivr' && login.company.notificationUrl) {
			this.scheduleNotifications(message, login.company.notificationUrl);
		}
		return message;
	}

	private scheduleNotifications(message: SentMessage, template: string): void {
		const { acceptMs, finalMs } = this.timings(message);
		for (const recipient of message.recipients) {
			if (recipient.failReason !== undefined) {
				this.notifier.notify(template, message.id, recipient.msisdn, 'failed', recipient.failReason, 0);
				continue;
			}
			this.notifier.notify(template, message.id, recipient.msisdn, 'accepted', 301, acceptMs);
			this.notifier.notify(template, message.id, recipient.msisdn, recipient.outcome, undefined, finalMs);
		}
	}

	private timings(message: SentMessage): { acceptMs: number; finalMs: number } {
		const rules = this.fixture.rules ?? {};
		const delayMs = message.delayMinutes * 60_000 * this.timeScale;
		return {
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
