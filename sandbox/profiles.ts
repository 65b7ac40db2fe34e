/**
 * Sandbox profiles: each plays one reading of the API document where the document is silent or
 * contradicts itself. A fixture user's `profile` selects one (so a test picks it through the credential's
 * username alone); the sandbox's `profile` option sets it for users that have none.
 */

export interface ProfileBehaviour {
	/** `Result` of CheckCompanyPrePaid for a valid login. */
	companyBalanceResult: string;
	/** Whether CheckCompanyPrePaid shows SMS, IVRSeconds and MMS; when not, the elements are left out (null strings in .NET). */
	companyBalanceShown: boolean;
	/** `ReturnValues` of CheckUsersPrePaid with Mode=AllUsers for a valid login. */
	allUsersResult: string;
	/** Whether sends spend the prepaid balance (and are refused with reason 207 when it runs out). */
	prepaid: boolean;
	/** Where pushsms.aspx reads its parameters: `Request[...]` (query, then form) or the query string only. */
	pushReads: 'queryAndForm' | 'queryOnly';
	/** Delivery-report tokens: every spelling in any letter case, or only the document's table tokens in its exact case. */
	tokenMatch: 'lenient' | 'exact';
	/** Date token spellings filled under `exact` matching; any other spelling arrives literally. */
	dateTokens: string[];
	/** StatusDes and ReasonDes: the document's table texts, or the provider's own words (reason 999 on failures). */
	reportTexts: 'table' | 'provider';
	/** ExpirationDelayInMinutes=0: no expiry, or expired at once (status 200, reason 210). */
	expirationZero: 'never' | 'immediately';
	/** MessageID answered with a code other than OK / SomeMessagesSent. */
	failedMessageId: string;
	/** IVR `Status`: the table's name, or its number (position in the document's IVRMessage Status table, from 0). */
	ivrStatus: 'name' | 'number';
	/** IVR `SendDate`: as the document shows it (`31/08/2011 09:57:23`) or as .NET serialises a DateTime (`2011-08-31T09:57:23`). */
	ivrSendDate: 'document' | 'xsd';
	/** IVR answer's namespace in SOAP: the service's, or `http://tempuri.org/` as the document shows. */
	ivrSoapNamespace: 'service' | 'tempuri';
	/** `UserWorkingInPrePaidMode` ("Enumerator or Int32"): `true`/`false`, `1`/`0`, or the enum names `True`/`False`. */
	userPrepaidMode: 'boolean' | 'number' | 'name';
	/** `CompanyWorkingInUserPrepaidMode` ("True Or False"): `true`/`false`, or `True`/`False`. */
	companyPrepaidMode: 'boolean' | 'name';
	/** Recipients whose number ends in this digit are refused by the gateway (blacklisted, reason 214). */
	refusedLastDigit?: string;
	/** Whether a non-empty CCToEmail must have as many items as SendToPhoneNumbers. */
	ccMustPair: boolean;
}

export interface SandboxProfile {
	name: string;
	/** The reading of the document the profile plays, in a sentence. */
	reading: string;
	behaviour: ProfileBehaviour;
}

export const STANDARD_BEHAVIOUR: ProfileBehaviour = {
	companyBalanceResult: 'OK',
	companyBalanceShown: true,
	allUsersResult: 'OK',
	prepaid: true,
	pushReads: 'queryAndForm',
	tokenMatch: 'lenient',
	dateTokens: ['Dlr_ddmmyyyhhmmss', 'DLR_DDMMYYYYHHMMSS'],
	reportTexts: 'table',
	expirationZero: 'never',
	failedMessageId: '0',
	ivrStatus: 'name',
	ivrSendDate: 'document',
	ivrSoapNamespace: 'service',
	userPrepaidMode: 'boolean',
	companyPrepaidMode: 'boolean',
	ccMustPair: false,
};

const profile = (
	name: string,
	reading: string,
	overrides: Partial<ProfileBehaviour> = {},
): SandboxProfile => ({
	name,
	reading,
	behaviour: { ...STANDARD_BEHAVIOUR, ...overrides },
});

export const PROFILES: Record<string, SandboxProfile> = Object.fromEntries(
	[
		profile(
			'standard',
			'The most lenient reading: every documented answer shape as the examples show it, every token spelling filled.',
		),
		profile(
			'api-user',
			'An ordinary API user: CheckCompanyPrePaid (a back-office administrator method) is refused with Result UserIsNotAdministrator and no balances; CheckUsersPrePaid with AllUsers likewise; ThisUser and every send work.',
			{
				companyBalanceResult: 'UserIsNotAdministrator',
				companyBalanceShown: false,
				allUsersResult: 'UserIsNotAdministrator',
			},
		),
		profile(
			'postpaid-company',
			'A company that is not prepaid: CheckCompanyPrePaid answers Result CompanyIsNotPrePaid with no balances; sends are never refused for balance.',
			{
				companyBalanceResult: 'CompanyIsNotPrePaid',
				companyBalanceShown: false,
				prepaid: false,
			},
		),
		profile(
			'postpaid-zero',
			'A company that is not prepaid, read the other way: CheckCompanyPrePaid answers OK with balances of 0, and sends still work.',
			{
				prepaid: false,
			},
		),
		profile(
			'query-only',
			'pushsms.aspx reads only the query string ("The URL must contain all of these parameters"): a POST body is ignored, so a POST-only request reads as one with every parameter missing.',
			{
				pushReads: 'queryOnly',
			},
		),
		profile(
			'dlr-date-table',
			"Delivery reports fill only the tokens of the document's table, in their exact case; the date token only as {Dlr_ddmmyyyhhmmss}.",
			{
				tokenMatch: 'exact',
				dateTokens: ['Dlr_ddmmyyyhhmmss'],
			},
		),
		profile(
			'dlr-date-changelog',
			"Delivery reports fill only the table's tokens, in their exact case; the date token only as {DLR_DDMMYYYYHHMMSS}, the change log's spelling.",
			{
				tokenMatch: 'exact',
				dateTokens: ['DLR_DDMMYYYYHHMMSS'],
			},
		),
		profile(
			'dlr-date-unknown',
			"Delivery reports fill the table's other tokens in their exact case, but no date token: it arrives literally, as {...}.",
			{
				tokenMatch: 'exact',
				dateTokens: [],
			},
		),
		profile(
			'dlr-provider-texts',
			'Delivery reports carry the provider\'s own words: StatusDes like DELIVRD or UNDELIV, and on failures reason 999 ("Send the provider message") with the provider\'s message.',
			{
				reportTexts: 'provider',
			},
		),
		profile(
			'expire-zero',
			'ExpirationDelayInMinutes=0 means "expire now": the send is answered OK, then every recipient\'s report is 200 Failed with reason 210 MessageExpired (IVR: MessageExpired).',
			{
				expirationZero: 'immediately',
			},
		),
		profile(
			'typed-numbers',
			"Answers typed as the document's tables allow, numbers wherever they can be: MessageID -1 on failure, IVR Status as Int, SendDate as a .NET DateTime, UserWorkingInPrePaidMode as Int32 (1/0); this account's balances hold decimals.",
			{
				failedMessageId: '-1',
				ivrStatus: 'number',
				ivrSendDate: 'xsd',
				userPrepaidMode: 'number',
			},
		),
		profile(
			'typed-names',
			"Answers typed as the document's tables allow, names wherever they can be: UserWorkingInPrePaidMode and CompanyWorkingInUserPrepaidMode as True/False, the IVR answer in http://tempuri.org/ in SOAP as well; this account's balances hold decimals.",
			{
				userPrepaidMode: 'name',
				companyPrepaidMode: 'name',
				ivrSoapNamespace: 'tempuri',
			},
		),
		profile(
			'some-refused',
			'The gateway refuses some valid recipients (numbers ending in 3: blacklisted, reason 214): SomeMessagesSent when others went out, NoMessagesSent when none did.',
			{
				refusedLastDigit: '3',
			},
		),
		profile(
			'cc-paired',
			'A non-empty CCToEmail must list as many addresses as SendToPhoneNumbers lists numbers, else ThePhoneNumberListAndTheCCListMustHaveTheSameNumberOfItems.',
			{
				ccMustPair: true,
			},
		),
	].map((p) => [p.name, p]),
);

export function findProfile(name: string | undefined): SandboxProfile {
	if (name === undefined) return PROFILES.standard;
	const found = PROFILES[name];
	if (!found)
		throw new Error(
			`Unknown sandbox profile "${name}". Profiles: ${Object.keys(PROFILES).join(', ')}`,
		);
	return found;
}

/** Position of each IVR status in the document's IVRMessage Status table, the number an Int32 `Status` carries. */
export const IVR_STATUS_ORDER = [
	'NewCall',
	'Sent',
	'CompanyDisabled',
	'MobileEmpty',
	'NotEnoughIVRSecondsAvailable',
	'NoPermissionToSendToProvider',
	'MessageDeleted',
	'MessageExpired',
	'Queued',
	'UserIsDisabledOrDeleted',
	'DelayedMessage',
	'NumberBlackListedForCompany',
	'IVRCallSuccess',
	'IVRCallNotSuccess',
	'ExceededtheNumberOfTries',
	'Calling',
	'FailedCall',
	'Connected',
	'Disconnected',
	'Expired',
	'InConference',
	'Undefined',
	'RestrictHours',
	'RestrictDate',
	'ProviderNotFound',
	'FailedWithResponse',
	'FailedWithoutResponse',
];
