import type { Db } from '../client';

export interface DemoTenantSpec {
  systemId: string;
  name: string;
  nameKana: string;
  resellerId: string | null;
  corporateNumber: string;
  address: string;
}

export function seedTenant(db: Db, spec: DemoTenantSpec) {
  return db.tenant.create({
    data: {
      systemId: spec.systemId,
      name: spec.name,
      nameKana: spec.nameKana,
      corporateNumber: spec.corporateNumber,
      isDomesticEntity: true,
      address: spec.address,
      resellerId: spec.resellerId,
    },
  });
}
