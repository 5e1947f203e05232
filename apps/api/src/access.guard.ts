import {
  ForbiddenException,
  Injectable,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { roleAtLeast } from './api-keys';
import { ACCESS, type AccessRule } from './requires.decorator';
import type { AccessRequest } from './request-access';

/**
 * 403 outside the key's role or simulations. A route that declares nothing needs admin, so a new
 * route is closed until it says otherwise.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS, [
      context.getHandler(),
      context.getClass(),
    ]) ?? { role: 'admin', scope: 'none' };
    if (rule.role === 'public') return true;
    const req = context.switchToHttp().getRequest<AccessRequest>();
    const key = req.access?.key;
    if (key === null) return true;
    if (key === undefined) throw new ForbiddenException('this route needs an API key');
    if (!roleAtLeast(key.role, rule.role))
      throw new ForbiddenException(`the key "${key.id}" is a ${key.role}; this needs ${rule.role}`);
    if (!key.simulations || rule.scope === 'filtered') return true;
    const simulation =
      rule.scope === 'param' ? req.params.id : rule.scope === 'query' ? req.query.id : undefined;
    if (typeof simulation !== 'string')
      throw new ForbiddenException(
        `the key "${key.id}" is limited to ${key.simulations.join(', ')}${rule.scope === 'query' ? ': name one with ?id=' : ''}`,
      );
    if (!key.simulations.includes(simulation))
      throw new ForbiddenException(`the key "${key.id}" may not touch simulation "${simulation}"`);
    return true;
  }
}
