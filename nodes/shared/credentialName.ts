/** The name under which n8n stores the SMSCenter credential; the nodes ask for it by this name. */
export const CREDENTIAL_NAME = 'smsCenterApi';
