import { UpcastError } from './errors';
import type { EventMetadata } from './types';

/** Turns the payload of `type` at `fromVersion` into the payload at `fromVersion + 1`. */
export interface Upcaster {
  type: string;
  fromVersion: number;
  upcast(data: unknown, metadata: EventMetadata): unknown;
}

export interface UpcasterRegistry {
  /** The version writers produce today: 1 + the highest upcaster's fromVersion, or 1. */
  currentVersion(type: string): number;
  /** The payload lifted, one version at a time, from `schemaVersion` to the current version. */
  upcast(type: string, schemaVersion: number, data: unknown, metadata: EventMetadata): { data: unknown; schemaVersion: number };
}

export function createUpcasterRegistry(upcasters: readonly Upcaster[] = []): UpcasterRegistry {
  const byType = new Map<string, Map<number, Upcaster>>();
  for (const upcaster of upcasters) {
    const steps = byType.get(upcaster.type) ?? new Map<number, Upcaster>();
    if (steps.has(upcaster.fromVersion)) {
      throw new Error(`Two upcasters for ${upcaster.type} v${upcaster.fromVersion}`);
    }
    steps.set(upcaster.fromVersion, upcaster);
    byType.set(upcaster.type, steps);
  }
  const currentVersion = (type: string): number => {
    const steps = byType.get(type);
    return steps ? Math.max(...steps.keys()) + 1 : 1;
  };
  return {
    currentVersion,
    upcast(type, schemaVersion, data, metadata) {
      const steps = byType.get(type);
      if (!steps) return { data, schemaVersion };
      let version = schemaVersion;
      let payload = data;
      for (let step = steps.get(version); step; step = steps.get(version)) {
        try {
          payload = step.upcast(payload, metadata);
        } catch (error) {
          throw new UpcastError(type, version, error);
        }
        version += 1;
      }
      return { data: payload, schemaVersion: version };
    },
  };
}

export const NO_UPCASTERS: UpcasterRegistry = createUpcasterRegistry();
