import { wallClockToDate } from './dates';
import type { ClosedSpan, HolidayLookup } from './sendWindow';

/** The library's holiday, as far as it is used here. */
interface LibraryHoliday {
	date: string;
	start: Date;
	end: Date;
	name: string;
	type: string;
}

const ISRAEL = 'Asia/Jerusalem';

/**
 * Israel's public holidays (Rosh Hashanah, Yom Kippur, Sukkot, Simchat Torah, Passover and its
 * seventh day, Independence Day, Shavuot), as date-holidays gives them: each from 18:00 on its eve,
 * here closed until the end of its own day in Israel (the library ends it at 18:00, before the
 * holiday is over). The intermediate days of Sukkot and Passover, Hanukkah, Purim and remembrance
 * days are working days and stay open. The library is loaded on first use.
 */
export async function israeliHolidays(): Promise<HolidayLookup> {
	const { Holidays } = await import('./holidaysVendor');
	const calendar = new Holidays('IL', { languages: ['en'], types: ['public'] });
	const byYear = new Map<number, ClosedSpan[]>();
	const spansOf = (year: number): ClosedSpan[] => {
		let spans = byYear.get(year);
		if (!spans) {
			const holidays = (calendar.getHolidays(year) || []) as LibraryHoliday[];
			spans = holidays
				.filter((holiday) => holiday.type === 'public')
				.map((holiday) => {
					const [y, m, d] = holiday.date.slice(0, 10).split('-').map(Number);
					const next = new Date(Date.UTC(y, m - 1, d + 1));
					const nextMidnight = wallClockToDate(
						{
							year: next.getUTCFullYear(),
							month: next.getUTCMonth() + 1,
							day: next.getUTCDate(),
							hour: 0,
							minute: 0,
							second: 0,
						},
						ISRAEL,
					) as Date;
					return {
						start: holiday.start.getTime(),
						end: Math.max(holiday.end.getTime(), nextMidnight.getTime()),
						name: holiday.name,
					};
				});
			byYear.set(year, spans);
		}
		return spans;
	};
	return (from: number, to: number) => {
		const firstYear = new Date(from).getUTCFullYear();
		const lastYear = new Date(to).getUTCFullYear() + 1;
		const spans: ClosedSpan[] = [];
		for (let year = firstYear; year <= lastYear; year++)
			for (const span of spansOf(year)) if (span.end > from && span.start < to) spans.push(span);
		return spans;
	};
}
