/** A calendar month, the unit every retirement and benefit rule counts in. `month` is 1-12. */
export interface YearMonth {
  year: number;
  month: number;
}

/** An age in completed years and months (0-11), as the national tables write it: 60岁1个月. */
export interface Age {
  years: number;
  months: number;
}

/** An age and the calendar month in which a person born in a given month reaches it. */
export interface AgeAt {
  age: Age;
  at: YearMonth;
}

/** Months since January of year 0: month arithmetic becomes integer arithmetic. */
export const monthIndex = (ym: YearMonth): number => ym.year * 12 + (ym.month - 1);

const fromMonthIndex = (index: number): YearMonth => ({
  year: Math.floor(index / 12),
  month: (((index % 12) + 12) % 12) + 1,
});

export const addMonths = (ym: YearMonth, months: number): YearMonth =>
  fromMonthIndex(monthIndex(ym) + months);

/** Whole months from `from` to `to` (negative when `to` is earlier). */
export const monthsBetween = (from: YearMonth, to: YearMonth): number => monthIndex(to) - monthIndex(from);

export const ageInMonths = (age: Age): number => age.years * 12 + age.months;

export const ageFromMonths = (months: number): Age => ({
  years: Math.floor(months / 12),
  months: months % 12,
});

/** The month a person born in `born` reaches `age`: birthdays are counted by month, as the tables do. */
export const reachedAt = (born: YearMonth, age: Age): AgeAt => ({
  age,
  at: addMonths(born, ageInMonths(age)),
});

/** `2025-02`: the form logs, tests and answers share. */
export const formatYearMonth = (ym: YearMonth): string => `${ym.year}-${String(ym.month).padStart(2, "0")}`;
