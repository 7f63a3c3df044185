/**
 * The ids of the worked example the `*.examples.ts` of each module share: one team, its practitioner, the
 * Okafor family, their request for service, its allocation and intervention. Kept here, below every module,
 * so that any module's examples can refer to the same records without importing another module.
 */
export const TEAM = '0193b1d2-0000-7000-8000-000000000001'
export const PRACTITIONER = '0193b1d2-0000-7000-8000-000000000002'
export const FAMILY = '0193b1d2-6c1e-7a4b-9a55-3f1f0f3c2a10'
export const REQUEST = '0193b1d4-2a7c-7d31-b0a2-5e6f7a8b9c0d'
export const ALLOCATION = '0193b1d6-0a1b-7c2d-8e3f-405162738495'
export const INTERVENTION = '0193b1dc-9c0d-7e1f-8a2b-3c4d5e6f7081'
