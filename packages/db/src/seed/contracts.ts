import type { Db } from '../client';

interface ContractSpec {
  tenantId: string;
  resellerId: string | null;
  seats: number;
  startDate: Date;
  annualFee: number;
  resellerAnnualPrice?: number;
}

/** An active one-year contract with its licence (第10条: 1 year from formation). */
export async function seedContract(db: Db, spec: ContractSpec) {
  const termEnd = new Date(spec.startDate);
  termEnd.setUTCFullYear(termEnd.getUTCFullYear() + 1);
  termEnd.setUTCDate(termEnd.getUTCDate() - 1);
  const contract = await db.contract.create({
    data: {
      tenantId: spec.tenantId,
      channel: spec.resellerId ? 'RESELLER' : 'DIRECT',
      resellerId: spec.resellerId,
      formedAt: spec.startDate,
      startDate: spec.startDate,
      serviceStartDate: spec.startDate,
      termEndDate: termEnd,
      annualFee: spec.annualFee,
      seatMonthlyFee: 500,
      resellerAnnualPrice: spec.resellerAnnualPrice ?? null,
    },
  });
  await db.licence.create({
    data: { tenantId: spec.tenantId, contractId: contract.id, seats: spec.seats, termStart: spec.startDate, termEnd },
  });
  return contract;
}
