import type { INodePropertyOptions } from 'n8n-workflow';

/** How ASMX methods are called: the HttpPost form protocol (default) or SOAP 1.1. */
export type AsmxProtocol = 'httpPost' | 'soap11';

export const DEFAULT_PROTOCOL: AsmxProtocol = 'httpPost';

/** The protocol choices, as the credential and the node's Connection options both offer them. */
export const PROTOCOL_OPTIONS: INodePropertyOptions[] = [
	{ name: 'HTTP POST Form', value: 'httpPost', description: 'Recommended' },
	{
		name: 'SOAP 1.1',
		value: 'soap11',
		description: 'For servers where the HTTP POST protocol is turned off',
	},
];
