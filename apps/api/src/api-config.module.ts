import { Global, Module } from '@nestjs/common';
import { API_CONFIG, parseApiConfig } from './api-config';

/** The validated API configuration (tests override API_CONFIG with their own). */
@Global()
@Module({
  providers: [{ provide: API_CONFIG, useFactory: () => parseApiConfig(process.env) }],
  exports: [API_CONFIG],
})
export class ApiConfigModule {}
