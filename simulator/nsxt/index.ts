export { startNsxtSimulator, type RunningNsxtSimulator } from "./nsxt-simulator";
export {
  DEFAULT_TRANSPORT_ZONE,
  type NsxtSimulatorOptions,
  type PartnerOvf,
  type TransportZoneOption,
  type TransportZoneType,
} from "./simulator-options";
export type { InventoryFile } from "./inventory/inventory-file";
export { startSimulatorProcess, type SimulatorProcess } from "./simulator-process";
