import { useSandbox } from '../../harness/sandbox';
import { runSmsCenter } from '../../harness/executeWorkflow';
import { MINIMAL } from '../fixtures';

/**
 * Reading 1 of the API document: CheckCompanyPrePaid and CheckUsersPrePaid are back-office
 * administrator methods. Under the api-user and postpaid profiles the balance is withheld while
 * sends work; every operation that reads the balance says why instead of stopping the user.
 */
const login = (profile: string) => ({ username: profile, password: `${profile}-api-key` });

describe('balances withheld from a login that works (sandbox profiles api-user, postpaid-company, postpaid-zero)', () => {
	const sandbox = useSandbox();

	it('Estimate still estimates, and says why the balance is missing', async () => {
		const result = await runSmsCenter(
			sandbox.url,
			{ resource: 'sms', operation: 'estimate', recipients: '0541234560', message: 'Hello' },
			[{}, {}],
			{ credentials: login('api-user') },
		);
		expect(result.error()).toBeUndefined();
		const [first, second] = result.output().map((item) => item.json);
		expect(first).toMatchObject({
			totalSegments: 1,
			smsBalance: null,
			fitsInBalance: null,
			runTotalSegments: 1,
			runFitsInBalance: null,
		});
		expect(second).toMatchObject({ runTotalSegments: 2 });
		expect(first.balanceNote).toContain('CheckCompanyPrePaid answered UserIsNotAdministrator');
		expect(first.balanceNote).toContain('sending is not affected');
		expect(sandbox.calls().map((c) => c.operation)).toEqual(['CheckCompanyPrePaid']);
	});

	it('the Balance Guard stops the run before sending and says how to go on', async () => {
		const result = await runSmsCenter(
			sandbox.url,
			{
				...MINIMAL.smsSend,
				options: { balanceGuard: true },
			},
			[{}],
			{
				credentials: login('postpaid-company'),
			},
		);
		expect(result.error()?.message).toBe(
			'Item 1: not sent: the Balance Guard could not read the prepaid balance (CheckCompanyPrePaid answered CompanyIsNotPrePaid)',
		);
		expect(result.error()?.description).toContain('Turn the Balance Guard off to send without it.');
		expect(sandbox.messages()).toHaveLength(0);
	});

	it('the Balance Guard names a zero balance as a possible sign of a company that is not prepaid', async () => {
		const result = await runSmsCenter(
			sandbox.url,
			{
				...MINIMAL.smsSend,
				options: { balanceGuard: true },
			},
			[{}],
			{
				credentials: login('postpaid-zero'),
			},
		);
		expect(result.error()?.message).toBe(
			'Item 1: not sent: the run needs 1 SMS segments but the prepaid balance has 0',
		);
		expect(result.error()?.description).toContain(
			'A company that is not prepaid may show a balance of 0: then turn the Balance Guard off.',
		);
	});

	it('Get User Balances for all users says why it was refused; for this user it works', async () => {
		const all = await runSmsCenter(
			sandbox.url,
			{ resource: 'account', operation: 'getUserBalances', mode: 'AllUsers' },
			[{}],
			{ credentials: login('api-user') },
		);
		expect(all.error()?.message).toBe(
			'SMSCenter answered UserIsNotAdministrator: the balance was not given to this login',
		);
		expect(all.error()?.description).toContain(
			'The API document reserves CheckUsersPrePaid for back-office administrators',
		);
		const own = await runSmsCenter(
			sandbox.url,
			{ resource: 'account', operation: 'getUserBalances', mode: 'ThisUser' },
			[{}],
			{ credentials: login('api-user') },
		);
		expect(own.output().map((item) => item.json)).toEqual([
			{
				userName: 'api-user',
				sms: 50000,
				userWorkingInPrepaidMode: true,
				companyWorkingInUserPrepaidMode: true,
			},
		]);
	});
});
