import { codeTable, lookUpCode } from './codeTable';

export interface DeliveryStatusInfo {
	/** The gateway's name, as the API document writes it. */
	name: string;
	/** How a person reads it, where the gateway's name is clipped. */
	readableName?: string;
	description: string;
	final: boolean;
	delivered: boolean;
}

/** Status codes of delivery notifications. */
export const DELIVERY_STATUSES: Readonly<Record<string, DeliveryStatusInfo>> = codeTable({
	'200': {
		name: 'Failed',
		description: 'Failed to send from SMSCenter to the cellular provider',
		final: true,
		delivered: false,
	},
	'300': {
		name: 'Accepted',
		description: 'Accepted by the cellular provider',
		final: false,
		delivered: false,
	},
	'400': {
		name: 'Rejected',
		description: 'Rejected by the cellular provider',
		final: true,
		delivered: false,
	},
	'500': {
		name: 'Buffered',
		description: "In the cellular provider's buffer",
		final: false,
		delivered: false,
	},
	'600': {
		name: 'Delivered',
		description: 'Delivered to the mobile device according to the cellular operator',
		final: true,
		delivered: true,
	},
	'700': {
		name: 'Undeliver',
		readableName: 'Undelivered',
		description: 'Finally not delivered to the mobile device according to the cellular operator',
		final: true,
		delivered: false,
	},
});

/** A status code from a notification, or undefined for a code not in the table. */
export function deliveryStatus(code: string): DeliveryStatusInfo | undefined {
	return lookUpCode(DELIVERY_STATUSES, code);
}
