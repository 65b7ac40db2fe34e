import { codeTable, lookUpCode } from './codeTable';

/** Reason codes of delivery notifications. */
export const DELIVERY_REASONS: Readonly<Record<string, string>> = codeTable({
	'204': 'ProviderNotFound',
	'205': 'CompanyDisabled',
	'206': 'MobileEmpty',
	'207': 'NotEnoughSMSMessagesAvailable',
	'208': 'NoPermissionToSendToProvider',
	'210': 'MessageExpired',
	'212': 'UserIsDisabledOrDeleted',
	'214': 'NumberBlackListedForCompany',
	'215': 'RestrictHours',
	'216': 'RestrictDate',
	'217': 'ExceededtheNumberOfTries',
	'218': 'TargetMobileCanNotStartWithNumberZero',
	'301': 'Accepted',
	'401': 'Message rejected by provider',
	'402': 'Black List',
	'501': 'Buffered',
	'601': 'Message delivered',
	'701': 'Message EXPIRED/ SMSC Error: Message validity period has expired',
	'702': 'Invalid Dest Addr',
	'703': 'Unknown subscriber',
	'704': 'Message is in a rejected state',
	'705': 'Provision block',
	'706': 'SMSC: Invalid Source Address',
	'707': 'Routing Error',
	'999': 'Send the provider message',
});

/** The meaning of a reason code from a notification, or undefined for a code not in the table. */
export function deliveryReason(code: string): string | undefined {
	return lookUpCode(DELIVERY_REASONS, code);
}
