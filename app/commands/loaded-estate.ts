import { estateFileFromEnvironment } from "../estate-file";
import { loadEstate, printWarnings } from "../load-estate";
import type { ValidatedEstate } from "../../lib/estate/validated-estate";

/** The estate named by KSV_ESTATE, validated, its warnings printed: what most commands start from. */
export function loadedEstate(): ValidatedEstate {
  const loaded = loadEstate(estateFileFromEnvironment());
  printWarnings(loaded);
  return loaded.estate;
}
