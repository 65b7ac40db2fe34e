/** The document's delivery-notification tables: status codes, reason codes, and the provider's own words. */

export const STATUS_NAMES: Record<number, string> = {
	200: 'Failed',
	300: 'Accepted',
	400: 'Rejected',
	500: 'Buffered',
	600: 'Delivered',
	700: 'Undeliver',
};

/** "Reason Codes & Description", each with the status it is reported under. */
export const REASONS: Record<number, { status: number; description: string }> = {
	204: { status: 200, description: 'ProviderNotFound' },
	205: { status: 200, description: 'CompanyDisabled' },
	206: { status: 200, description: 'MobileEmpty' },
	207: { status: 200, description: 'NotEnoughSMSMessagesAvailable' },
	208: { status: 200, description: 'NoPermissionToSendToProvider' },
	210: { status: 200, description: 'MessageExpired' },
	212: { status: 200, description: 'UserIsDisabledOrDeleted' },
	214: { status: 200, description: 'NumberBlackListedForCompany' },
	215: { status: 200, description: 'RestrictHours' },
	216: { status: 200, description: 'RestrictDate' },
	217: { status: 200, description: 'ExceededtheNumberOfTries' },
	218: { status: 200, description: 'TargetMobileCanNotStartWithNumberZero' },
	301: { status: 300, description: 'Accepted' },
	401: { status: 400, description: 'Message rejected by provider' },
	402: { status: 400, description: 'Black List' },
	501: { status: 500, description: 'Buffered' },
	601: { status: 600, description: 'Message delivered' },
	701: {
		status: 700,
		description: 'Message EXPIRED/ SMSC Error: Message validity period has expired',
	},
	702: { status: 700, description: 'Invalid Dest Addr' },
	703: { status: 700, description: 'Unknown subscriber' },
	704: { status: 700, description: 'Message is in a rejected state' },
	705: { status: 700, description: 'Provision block' },
	706: { status: 700, description: 'SMSC: Invalid Source Address' },
	707: { status: 700, description: 'Routing Error' },
	999: { status: 700, description: 'Send the provider message' },
};

/** The reason each status is reported with when nothing more specific applies. */
export const DEFAULT_REASON: Record<number, number> = {
	200: 204,
	300: 301,
	400: 401,
	500: 501,
	600: 601,
	700: 703,
};

/** The provider's status words (SMPP delivery receipt states), for profiles that pass them through as StatusDes. */
export const PROVIDER_STATUS: Record<number, string> = {
	200: 'FAILED',
	300: 'ACCEPTD',
	400: 'REJECTD',
	500: 'ENROUTE',
	600: 'DELIVRD',
	700: 'UNDELIV',
};

/** The provider's own messages that travel with reason 999, keyed by the table reason they stand for. */
export const PROVIDER_MESSAGES: Record<number, string> = {
	401: 'ההודעה נדחתה על ידי המפעיל (err:088)',
	402: 'Subscriber barred by operator (err:013)',
	701: 'EXPIRED: validity period elapsed (err:027)',
	702: 'Invalid destination address (err:011)',
	703: 'Absent subscriber (err:001)',
	704: 'REJECTD: message in rejected state (err:069)',
	705: 'Provisioning block (err:045)',
	706: 'Invalid source address (err:010)',
	707: 'Routing error (err:021)',
	999: 'Handset memory full (err:022)',
};

/** The message the sandbox sends with reason 999 outside the provider profile. */
export const PROVIDER_MESSAGE_999 = PROVIDER_MESSAGES[999];

export function statusOfReason(reason: number): number | undefined {
	return REASONS[reason]?.status;
}

/** A recipient number of the form 0500000RRR (972500000RRR) where RRR is one of the reason codes above. */
export function reasonFromNumber(msisdn: string): number | undefined {
	const match = /^972500000(\d{3})$/.exec(msisdn);
	if (!match) return undefined;
	const reason = Number(match[1]);
	return REASONS[reason] ? reason : undefined;
}
