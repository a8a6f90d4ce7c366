// Calendar arithmetic shared by rules (credential ages) and the engine (suppression expiry).
export const MS_PER_DAY = 86_400_000;
