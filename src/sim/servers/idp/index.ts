/** The enterprise identity provider at `world.urls.idp`: every handler, honest by default. */
import type { World } from '../../world/world';
import { idpAuthorizeHandlers } from './authorize';
import { idpMetadataHandlers } from './metadata';
import { idpTokenHandlers } from './token';

export function idpHandlers(world: World) {
  return [...idpMetadataHandlers(world), ...idpAuthorizeHandlers(world), ...idpTokenHandlers(world)];
}
