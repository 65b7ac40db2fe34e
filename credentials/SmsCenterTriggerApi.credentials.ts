import type { ICredentialType, Icon, INodeProperties } from 'n8n-workflow';

/**
 * The secret that SMSCenter's delivery notifications carry as the `key` query field. A credential,
 * so that n8n keeps it encrypted: it is in no workflow, export, version history or execution.
 */
export class SmsCenterTriggerApi implements ICredentialType {
	name = 'smsCenterTriggerApi';

	displayName = 'SMSCenter Trigger API';

	documentationUrl =
		'https://github.com/n8n-nodes-smscenter/n8n-nodes-smscenter#the-smscenter-trigger';

	icon: Icon = { light: 'file:smscenter.svg', dark: 'file:smscenter.dark.svg' };

	properties: INodeProperties[] = [
		{
			displayName: 'Secret',
			name: 'secret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'A long random value: at least 16 letters, digits, dots, dashes, underscores or tildes (for example the output of openssl rand -hex 16). Add it to the notification URL in SMSCenter as key=THE_SECRET; calls without it are refused with 401.',
		},
	];
}
