// A slot for a paper of the dossier (thành phần hồ sơ): uploaded on the files step, not typed.
import type { AttachmentField } from '../../model.ts';
import type { FieldKind } from '../kind.ts';

export const attachment: FieldKind<AttachmentField> = {
  label: 'Giấy tờ nộp kèm',
  help: 'Một thành phần hồ sơ của thủ tục (component): tải lên ở bước “Thành phần hồ sơ”; trên giấy ở mục giấy tờ gửi kèm.',
  parameters: { properties: { component: { type: 'string', minLength: 1 } }, required: ['component'] },
  compareAs: 'none',
  conditionTarget: false,
  prefill: false,
  inGroup: false,
  onPaper: 'attachments',
  column: 1.2,
  read: () => '',
  print: () => [],
};
