export { OfferList } from "./components/OfferList";
export { QueuePanel } from "./components/QueuePanel";
