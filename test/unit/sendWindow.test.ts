import { israeliHolidays } from '../../nodes/shared/israelHolidays';
import {
	DEFAULT_WINDOW_HOURS,
	isOpen,
	localTimeText,
	nextOpening,
	parseWindowHours,
	scheduleInWindow,
	type HolidayLookup,
	type SendWindow,
} from '../../nodes/shared/sendWindow';

const ISRAEL = 'Asia/Jerusalem';
const at = (iso: string) => Date.parse(iso);
const local = (instant: number) => localTimeText(instant, ISRAEL);

function windowOf(hours = DEFAULT_WINDOW_HOURS, holidays?: HolidayLookup): SendWindow {
	const parsed = parseWindowHours(hours);
	if ('problem' in parsed) throw new Error(parsed.problem);
	return { ranges: parsed.ranges, timeZone: ISRAEL, holidays };
}

describe('reading window hours', () => {
	it('reads the default: Sunday to Thursday 08:00-20:00, Friday 08:00-14:00, Saturday closed', () => {
		const parsed = parseWindowHours(DEFAULT_WINDOW_HOURS);
		expect(parsed).toEqual({
			ranges: [
				...[0, 1, 2, 3, 4].map((day) => ({ day, from: 480, to: 1200 })),
				{ day: 5, from: 480, to: 840 },
			],
		});
	});

	it('takes long names, ranges that wrap past Saturday, 24:00 and several entries a day', () => {
		expect(parseWindowHours('friday-Sun 00:00-24:00\nMon 09:00-12:00, Mon 13:00-17:30')).toEqual({
			ranges: [
				{ day: 5, from: 0, to: 1440 },
				{ day: 6, from: 0, to: 1440 },
				{ day: 0, from: 0, to: 1440 },
				{ day: 1, from: 540, to: 720 },
				{ day: 1, from: 780, to: 1050 },
			],
		});
	});

	it.each([
		['', 'no day and hours were given'],
		['Sun 08:00', '"Sun 08:00" is not a day or days and hours, such as "Sun-Thu 08:00-20:00"'],
		[
			'Sunday-Funday 08:00-20:00',
			'"Sunday-Funday 08:00-20:00": days are Sun, Mon, Tue, Wed, Thu, Fri, Sat',
		],
		['Sun 08:00-24:30', '"Sun 08:00-24:30": times are HH:MM from 00:00 to 24:00'],
		['Sun 08:61-20:00', '"Sun 08:61-20:00": times are HH:MM from 00:00 to 24:00'],
		['Sun 20:00-08:00', '"Sun 20:00-08:00": the closing time is not after the opening time'],
		['x'.repeat(1001), 'the text is longer than 1000 characters'],
	])('refuses a wrong text: %#', (text, problem) => {
		expect(parseWindowHours(text)).toEqual({ problem });
	});
});

describe('the next opening of a window', () => {
	const window = windowOf();

	it('sends at once inside the window', () => {
		const now = at('2026-03-24T09:00:00Z'); // Tuesday 11:00 in Israel
		expect(scheduleInWindow(window, now, now)).toEqual({
			delayMinutes: 0,
			sendsAt: now,
			held: false,
			reason: undefined,
		});
	});

	it('a window already closed at the end of the day opens the next morning', () => {
		const now = at('2026-03-24T18:30:00Z'); // Tuesday 20:30
		const schedule = scheduleInWindow(window, now, now);
		expect(local(schedule!.sendsAt)).toBe('2026-03-25 08:00 Wed (Asia/Jerusalem)');
		expect(schedule).toMatchObject({ delayMinutes: 690, held: true, reason: 'outside the window' });
	});

	it('before the window on the same day, it opens that morning', () => {
		const now = at('2026-03-24T03:00:00Z'); // Tuesday 05:00
		expect(scheduleInWindow(window, now, now)?.delayMinutes).toBe(180);
	});

	it('Friday afternoon and Saturday wait for Sunday morning', () => {
		for (const iso of ['2026-12-04T12:30:00Z', '2026-12-05T10:00:00Z', '2026-12-05T21:59:00Z']) {
			const now = at(iso);
			expect(local(scheduleInWindow(window, now, now)!.sendsAt)).toBe(
				'2026-12-06 08:00 Sun (Asia/Jerusalem)',
			);
		}
	});

	it('across the switch to summer time (Friday 27 March 2026, 02:00 to 03:00) a night is an hour shorter', () => {
		const now = at('2026-03-26T19:00:00Z'); // Thursday 21:00, UTC+2
		const schedule = scheduleInWindow(window, now, now)!;
		expect(new Date(schedule.sendsAt).toISOString()).toBe('2026-03-27T05:00:00.000Z'); // 08:00, UTC+3
		expect(schedule.delayMinutes).toBe(600);
	});

	it('across the switch to winter time (Sunday 25 October 2026, 02:00 to 01:00) a night is an hour longer', () => {
		const now = at('2026-10-24T18:00:00Z'); // Saturday 21:00, UTC+3
		const schedule = scheduleInWindow(window, now, now)!;
		expect(new Date(schedule.sendsAt).toISOString()).toBe('2026-10-25T06:00:00.000Z'); // 08:00, UTC+2
		expect(schedule.delayMinutes).toBe(720);
	});

	it('a window that opens inside the skipped hour still opens once, at the same instant', () => {
		const night = windowOf('Fri 02:30-04:00');
		const now = at('2026-03-26T20:00:00Z');
		const opening = nextOpening(night, now)!.at;
		expect(isOpen(night, opening)).toBe(true);
		expect(new Date(opening).toISOString()).toBe('2026-03-27T00:30:00.000Z');
	});

	it('a delay chosen by the user counts first, then the window: inside it stays, outside it moves', () => {
		const now = at('2026-12-04T11:00:00Z'); // Friday 13:00
		expect(scheduleInWindow(window, now, now + 30 * 60_000)).toMatchObject({
			delayMinutes: 30,
			held: false,
		});
		const moved = scheduleInWindow(window, now, now + 90 * 60_000)!; // 14:30, after Friday's close
		expect(local(moved.sendsAt)).toBe('2026-12-06 08:00 Sun (Asia/Jerusalem)');
		expect(moved.held).toBe(true);
	});

	it('whole minutes never carry a send past the close: 19:59:30 plus a rounded minute is 20:00:30', () => {
		const now = at('2026-03-24T17:59:30Z'); // Tuesday 19:59:30
		expect(scheduleInWindow(window, now, now)).toMatchObject({ delayMinutes: 0, held: false });
		const later = scheduleInWindow(window, now, now + 10_000)!;
		expect(local(later.sendsAt)).toBe('2026-03-25 08:00 Wed (Asia/Jerusalem)');
		expect(isOpen(window, later.sendsAt)).toBe(true);
	});

	it('a window that never opens has no opening', () => {
		const never: SendWindow = { ranges: [], timeZone: ISRAEL };
		expect(scheduleInWindow(never, 0, 0)).toBeUndefined();
	});

	it('follows another time zone', () => {
		const london: SendWindow = { ...windowOf('Mon-Fri 09:00-17:00'), timeZone: 'Europe/London' };
		const now = at('2026-07-06T06:00:00Z'); // Monday 07:00 in London (UTC+1)
		expect(new Date(scheduleInWindow(london, now, now)!.sendsAt).toISOString()).toBe(
			'2026-07-06T08:00:00.000Z',
		);
	});
});

describe("Israel's holidays (date-holidays)", () => {
	let holidays: HolidayLookup;
	beforeAll(async () => {
		holidays = await israeliHolidays();
	});

	it('closes the public holidays of 2026 from 18:00 on the eve to the end of the day, and nothing else', () => {
		const spans = holidays(at('2026-01-01T00:00:00Z'), at('2027-01-01T00:00:00Z'));
		expect(spans.map((span) => [local(span.start), local(span.end), span.name])).toEqual([
			[
				'2026-04-01 18:00 Wed (Asia/Jerusalem)',
				'2026-04-03 00:00 Fri (Asia/Jerusalem)',
				'Passover (Pesach)',
			],
			[
				'2026-04-07 18:00 Tue (Asia/Jerusalem)',
				'2026-04-09 00:00 Thu (Asia/Jerusalem)',
				'Mimouna, Seventh day of Passover',
			],
			[
				'2026-04-21 18:00 Tue (Asia/Jerusalem)',
				'2026-04-23 00:00 Thu (Asia/Jerusalem)',
				'Independence Day (Yom HaAtzmaut)',
			],
			[
				'2026-05-21 18:00 Thu (Asia/Jerusalem)',
				'2026-05-23 00:00 Sat (Asia/Jerusalem)',
				'Shavuot (Feast of Weeks)',
			],
			[
				'2026-09-11 18:00 Fri (Asia/Jerusalem)',
				'2026-09-13 00:00 Sun (Asia/Jerusalem)',
				'Rosh Hashanah (Yom Teruah)',
			],
			[
				'2026-09-12 18:00 Sat (Asia/Jerusalem)',
				'2026-09-14 00:00 Mon (Asia/Jerusalem)',
				'Rosh Hashanah (Day 2)',
			],
			[
				'2026-09-20 18:00 Sun (Asia/Jerusalem)',
				'2026-09-22 00:00 Tue (Asia/Jerusalem)',
				'Day of Atonement (Yom Kippur)',
			],
			[
				'2026-09-25 18:00 Fri (Asia/Jerusalem)',
				'2026-09-27 00:00 Sun (Asia/Jerusalem)',
				'Feast of Tabernacles (Sukkot)',
			],
			[
				'2026-10-02 18:00 Fri (Asia/Jerusalem)',
				'2026-10-04 00:00 Sun (Asia/Jerusalem)',
				'Simchat Torah/ Shmini Atzeret',
			],
		]);
	});

	it('the eve of Yom Kippur closes at 18:00 and the window opens again the morning after it', () => {
		const window = windowOf(DEFAULT_WINDOW_HOURS, holidays);
		const evening = at('2026-09-20T15:30:00Z'); // Sunday 18:30, the holiday has begun
		const schedule = scheduleInWindow(window, evening, evening)!;
		expect(local(schedule.sendsAt)).toBe('2026-09-22 08:00 Tue (Asia/Jerusalem)');
		expect(schedule.reason).toBe('Day of Atonement (Yom Kippur)');
		const noon = at('2026-09-20T09:00:00Z'); // Sunday 12:00, still open
		expect(scheduleInWindow(window, noon, noon)).toMatchObject({ delayMinutes: 0, held: false });
		// Without holidays, a Sunday evening at 18:30 is inside the window.
		expect(scheduleInWindow(windowOf(), evening, evening)).toMatchObject({
			delayMinutes: 0,
			held: false,
		});
	});

	it('Rosh Hashanah on Saturday and Sunday (from Friday 18:00): Friday morning is open, Friday evening waits for Monday', () => {
		const window = windowOf(DEFAULT_WINDOW_HOURS, holidays);
		const thursday = at('2026-09-10T18:00:00Z'); // Thursday 21:00
		expect(local(scheduleInWindow(window, thursday, thursday)!.sendsAt)).toBe(
			'2026-09-11 08:00 Fri (Asia/Jerusalem)',
		);
		const fridayEvening = at('2026-09-11T16:00:00Z'); // Friday 19:00
		expect(local(scheduleInWindow(window, fridayEvening, fridayEvening)!.sendsAt)).toBe(
			'2026-09-14 08:00 Mon (Asia/Jerusalem)',
		);
	});

	it('intermediate days of Passover and Hanukkah are working days', () => {
		const window = windowOf(DEFAULT_WINDOW_HOURS, holidays);
		const cholHamoed = at('2026-04-05T07:00:00Z'); // Sunday 10:00, Passover intermediate day
		expect(scheduleInWindow(window, cholHamoed, cholHamoed)?.delayMinutes).toBe(0);
		const hanukkah = at('2026-12-07T08:00:00Z'); // Monday 10:00
		expect(scheduleInWindow(window, hanukkah, hanukkah)?.delayMinutes).toBe(0);
	});
});
