import { Controller, Get, Redirect } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '../requires.decorator';

/** `/` leads to the page: a first visit should land on something to look at. */
@ApiExcludeController()
@Public()
@Controller()
export class RootController {
  @Get()
  @Redirect('/ui/', 302)
  root(): void {}
}
