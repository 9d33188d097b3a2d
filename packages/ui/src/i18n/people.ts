// Texts of the people screens: users, groups, tasks, schedules, periodic reports.
export const peopleJa = {
  'people.placeholder': '',
} as const;

export const peopleEn: Record<keyof typeof peopleJa, string> = {
  'people.placeholder': '',
};
