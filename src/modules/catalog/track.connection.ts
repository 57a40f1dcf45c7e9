import { connectionTypes } from "../../platform/graphql/connection.type.js";
import { Track } from "./track.type.js";

export const { EdgeType: TrackEdge, ConnectionType: TrackConnection } = connectionTypes("Track", () => Track);
export type TrackConnection = InstanceType<typeof TrackConnection>;
