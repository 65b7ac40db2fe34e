import { NodeApiError, type IExecuteFunctions, type JsonObject } from 'n8n-workflow';
import { ANSWER_CODES } from '../../../shared/statusCodes/answerCodes';
import { isLoginRefusal } from '../../../shared/transport/answerRules';
import { adminMethodNote } from '../../../shared/transport/loginCheck';
import type { GatewayCaller } from '../../transport/gatewayCaller';
import { readCompanyBalance, type CompanyBalance } from '../../transport/answers';
import { requireAccepted } from '../../transport/errors';

/** The prepaid methods, which the API document describes as back-office administrator methods. */
export type PrepaidMethod = 'CheckCompanyPrePaid' | 'CheckUsersPrePaid';

/**
 * Whether a prepaid method's answer withholds the balance from a login that works: any code
 * other than OK, a refused login, or a code of the document's tables (those keep their own
 * meaning). The document lists no result codes for these methods, so this is how an ordinary API
 * user or a company that is not prepaid is told apart.
 */
export function isBalanceWithheld(code: string): boolean {
	// Only a code shaped like an enumeration name: a page or an echo in its place is no answer at all.
	if (!/^[A-Za-z]\w{0,99}$/.test(code)) return false;
	return (
		code !== 'OK' &&
		!isLoginRefusal(code) &&
		!Object.prototype.hasOwnProperty.call(ANSWER_CODES, code)
	);
}

/** The error of a balance that SMSCenter withheld from a login that works. */
export function balanceWithheldError(
	ctx: IExecuteFunctions,
	method: PrepaidMethod,
	code: string,
	itemIndex: number,
): NodeApiError {
	return new NodeApiError(
		ctx.getNode(),
		{ code, message: `${method} answered ${code}` } as JsonObject,
		{
			message: `SMSCenter answered ${code}: the balance was not given to this login`,
			description: adminMethodNote(method, code),
			itemIndex,
		},
	);
}

/** Throws unless a prepaid method's answer is OK: a withheld balance says why, other codes speak for themselves. */
export function requireBalance(
	ctx: IExecuteFunctions,
	method: PrepaidMethod,
	code: string,
	itemIndex: number,
	context: string,
): void {
	if (isBalanceWithheld(code)) throw balanceWithheldError(ctx, method, code, itemIndex);
	requireAccepted(ctx.getNode(), code, itemIndex, context);
}

export type BalanceReading =
	{ kind: 'read'; balance: CompanyBalance } | { kind: 'withheld'; code: string; note: string };

/** The company's prepaid balance, or the reason it was withheld; other failures throw. */
export async function readBalanceOrReason(
	ctx: IExecuteFunctions,
	caller: GatewayCaller,
	itemIndex: number,
): Promise<BalanceReading> {
	const balance = await caller.asmx('CheckCompanyPrePaid', [], itemIndex, readCompanyBalance);
	if (isBalanceWithheld(balance.result))
		return {
			kind: 'withheld',
			code: balance.result,
			note: adminMethodNote('CheckCompanyPrePaid', balance.result),
		};
	requireAccepted(
		ctx.getNode(),
		balance.result,
		itemIndex,
		'Reading the company prepaid balance failed',
	);
	return { kind: 'read', balance };
}

/** The company's prepaid balance; an answer other than OK is an error that says why. */
export async function companyBalance(
	ctx: IExecuteFunctions,
	caller: GatewayCaller,
	itemIndex: number,
): Promise<CompanyBalance> {
	const reading = await readBalanceOrReason(ctx, caller, itemIndex);
	if (reading.kind === 'withheld')
		throw balanceWithheldError(ctx, 'CheckCompanyPrePaid', reading.code, itemIndex);
	return reading.balance;
}

/** Why the Balance Guard stops a run that needs `needed` segments, or undefined when the run may go. */
export function balanceGuardStop(
	needed: number,
	reading: BalanceReading,
): { problem: string; description: string } | undefined {
	if (reading.kind === 'withheld') {
		return {
			problem: `the Balance Guard could not read the prepaid balance (CheckCompanyPrePaid answered ${reading.code})`,
			description: `The balance guard stopped the whole run before anything was sent. ${reading.note} Turn the Balance Guard off to send without it.`,
		};
	}
	if (needed <= reading.balance.sms) return undefined;
	const zero =
		reading.balance.sms === 0
			? ' A company that is not prepaid may show a balance of 0: then turn the Balance Guard off.'
			: '';
	return {
		problem: `the run needs ${needed} SMS segments but the prepaid balance has ${reading.balance.sms}`,
		description: `The balance guard stopped the whole run before anything was sent. Top up the SMSCenter account or send fewer messages.${zero}`,
	};
}
