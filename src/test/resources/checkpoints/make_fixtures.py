#!/usr/bin/python3
"""Makes the PyTorch checkpoint fixtures of the `classsr import` tests (org.classsr.checkpoint).

Run from anywhere with Debian's python3-torch (1.13): `/usr/bin/python3 make_fixtures.py`. It
writes next to itself; the outputs are committed, so the Java tests need no Python.

The networks below are this project's own re-statements of ClassSR's official definitions
(codes/models/archs/: FSRCNN_arch.py, CARN_arch.py + arch_util.py, SRResNet_arch.py,
RCAN_arch.py, the Classifier of classSR_*_arch.py), written to give the same module tree and so
the same state-dict keys, at small widths. Weights are random (fixed seed), including the
BatchNorm statistics of CARN-M's joins and the mean shifts, so that every stored value matters.

Files (tensors are raw little-endian float32, NCHW):
  lr.f32                  input, 1x3x8x8 in [0, 1]
  fsrcnn.pth              FSRCNN d 8 s 12 m 4, plain state dict, float32
  carn.pth                CARN-M nf 8 group 4, {'params': ..., 'iter': ...} with 'module.' keys
  srresnet.pth            MSRResNet nf 8 blocks 2; some tensors are strided views or share a
                          storage at an offset
  rcan.pth                RCAN n_feats 16, 2 groups x 2 blocks, reduction 16, half precision
  classsr-carn.pth        a whole 3-class ClassSR-CARN (nf 4 / 8 / 12): classifier (width 32,
                          not 128, to keep the file small) in half, net1 in double, net2
                          and net3 in float32
  NAME.out.f32            PyTorch's forward of lr (RCAN: forward(255 x) / 255), 1x3x32x32;
                          classsr-carn.net1/2/3.out.f32 per branch
  classsr-carn.logits.f32 the classifier's logits on lr, 1x3
  srresnet-x2.pth         an x2 MSRResNet (nf 4, 1 block): wrong scale
  srresnet-badshape.pth   MSRResNet nf 4, 1 block, with a 1x1 HRconv: shape mismatch
  srresnet-extra.pth      MSRResNet nf 4, 1 block, plus one key it does not have
  legacy.pth              a state dict in the pre-1.6 (non-zip) format
  tensors.pth             known values in every layout and type the reader handles
  torchscript.pt          a TorchScript archive (torch.jit.save), not a state dict
"""
import os

import torch
import torch.nn as nn
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
DIV2K_MEAN = (0.4488, 0.4371, 0.4040)


# ---------------------------------------------------------------- shared pieces

def mean_shift(rgb_range, sign):
    """MeanShift: a 1x1 conv, identity weight, bias sign * range * mean."""
    conv = nn.Conv2d(3, 3, 1)
    with torch.no_grad():
        conv.weight.copy_(torch.eye(3).view(3, 3, 1, 1))
        conv.bias.copy_(sign * rgb_range * torch.tensor(DIV2K_MEAN))
    return conv


def perturb(module, scale):
    """Moves a fixed layer off its starting values, so a loader that re-initialises it fails."""
    with torch.no_grad():
        for p in module.parameters():
            p.add_(scale * torch.randn_like(p))


class Holder(nn.Module):
    """An empty module level, to give the state-dict keys their upstream path."""


# ---------------------------------------------------------------- FSRCNN (ClassSR's FSRCNN_net)

class Fsrcnn(nn.Module):
    def __init__(self, d, s=12, m=4, scale=4):
        super().__init__()
        self.head_conv = nn.Sequential(nn.Conv2d(3, d, 5, padding=2), nn.PReLU())
        # upstream: shrink (+PReLU), m bare 3x3 convs, ONE PReLU, expand (+PReLU)
        layers = [nn.Sequential(nn.Conv2d(d, s, 1), nn.PReLU())]
        layers += [nn.Conv2d(s, s, 3, padding=1) for _ in range(m)]
        layers += [nn.PReLU(), nn.Sequential(nn.Conv2d(s, d, 1), nn.PReLU())]
        self.body_conv = nn.Sequential(*layers)
        self.tail_conv = nn.ConvTranspose2d(d, 3, 9, stride=scale, padding=3, output_padding=1)

    def forward(self, x):
        return self.tail_conv(self.body_conv(self.head_conv(x)))


# ---------------------------------------------------------------- CARN-M

class EResidual(nn.Module):
    def __init__(self, nf, group):
        super().__init__()
        self.body = nn.Sequential(
            nn.Conv2d(nf, nf, 3, padding=1, groups=group), nn.ReLU(),
            nn.Conv2d(nf, nf, 3, padding=1, groups=group), nn.ReLU(),
            nn.Conv2d(nf, nf, 1))

    def forward(self, x):
        return F.relu(self.body(x) + x)


def join(cin, nf):
    """Upstream BasicBlock: bias-free 1x1 conv, BatchNorm, ReLU."""
    return nn.Sequential(nn.Conv2d(cin, nf, 1, bias=False), nn.BatchNorm2d(nf), nn.ReLU())


def cascade(x, blocks, joins):
    c = o = x
    for b, j in zip(blocks, joins):
        c = torch.cat([c, b(o)], dim=1)
        o = j(c)
    return o


class CarnBlock(nn.Module):
    def __init__(self, nf, group):
        super().__init__()
        self.b1 = EResidual(nf, group)
        self.c1, self.c2, self.c3 = join(2 * nf, nf), join(3 * nf, nf), join(4 * nf, nf)

    def forward(self, x):
        return cascade(x, [self.b1] * 3, [self.c1, self.c2, self.c3])


class CarnM(nn.Module):
    def __init__(self, nf, group=4):
        super().__init__()
        self.sub_mean = mean_shift(1, -1)
        self.add_mean = mean_shift(1, 1)
        self.entry = nn.Conv2d(3, nf, 3, padding=1)
        self.b1, self.b2, self.b3 = (CarnBlock(nf, group) for _ in range(3))
        self.c1, self.c2, self.c3 = join(2 * nf, nf), join(3 * nf, nf), join(4 * nf, nf)
        self.upsample = Holder()
        self.upsample.up = Holder()
        self.upsample.up.body = nn.Sequential(
            nn.Conv2d(nf, 4 * nf, 3, padding=1, groups=group), nn.ReLU(), nn.PixelShuffle(2),
            nn.Conv2d(nf, 4 * nf, 3, padding=1, groups=group), nn.ReLU(), nn.PixelShuffle(2))
        self.exit = nn.Conv2d(nf, 3, 3, padding=1)

    def forward(self, x):
        o = cascade(self.entry(self.sub_mean(x)), [self.b1, self.b2, self.b3], [self.c1, self.c2, self.c3])
        return self.add_mean(self.exit(self.upsample.up.body(o)))


def randomize_batch_norms(net):
    for m in net.modules():
        if isinstance(m, nn.BatchNorm2d):
            with torch.no_grad():
                m.weight.uniform_(0.5, 1.5)
                m.bias.uniform_(-0.2, 0.2)
                m.running_mean.uniform_(-0.3, 0.3)
                m.running_var.uniform_(0.3, 2.0)
                m.num_batches_tracked.fill_(1234)


# ---------------------------------------------------------------- MSRResNet

class ResidualNoBN(nn.Module):
    def __init__(self, nf):
        super().__init__()
        self.conv1 = nn.Conv2d(nf, nf, 3, padding=1)
        self.conv2 = nn.Conv2d(nf, nf, 3, padding=1)

    def forward(self, x):
        return x + self.conv2(F.relu(self.conv1(x)))


class MsrResNet(nn.Module):
    def __init__(self, nf, nb, scale=4, hr_kernel=3):
        super().__init__()
        self.scale = scale
        self.conv_first = nn.Conv2d(3, nf, 3, padding=1)
        self.recon_trunk = nn.Sequential(*[ResidualNoBN(nf) for _ in range(nb)])
        self.upconv1 = nn.Conv2d(nf, 4 * nf, 3, padding=1)
        if scale == 4:
            self.upconv2 = nn.Conv2d(nf, 4 * nf, 3, padding=1)
        self.HRconv = nn.Conv2d(nf, nf, hr_kernel, padding=hr_kernel // 2)
        self.conv_last = nn.Conv2d(nf, 3, 3, padding=1)

    def forward(self, x):
        lrelu = lambda t: F.leaky_relu(t, 0.1)
        out = self.recon_trunk(lrelu(self.conv_first(x)))
        out = lrelu(F.pixel_shuffle(self.upconv1(out), 2))
        if self.scale == 4:
            out = lrelu(F.pixel_shuffle(self.upconv2(out), 2))
        out = self.conv_last(lrelu(self.HRconv(out)))
        return out + F.interpolate(x, scale_factor=self.scale, mode='bilinear', align_corners=False)


# ---------------------------------------------------------------- RCAN

class ChannelAttention(nn.Module):
    def __init__(self, nf, reduction):
        super().__init__()
        self.conv_du = nn.Sequential(nn.Conv2d(nf, nf // reduction, 1), nn.ReLU(),
                                     nn.Conv2d(nf // reduction, nf, 1), nn.Sigmoid())

    def forward(self, x):
        return x * self.conv_du(x.mean(dim=(2, 3), keepdim=True))


class Rcab(nn.Module):
    def __init__(self, nf, reduction):
        super().__init__()
        self.body = nn.Sequential(nn.Conv2d(nf, nf, 3, padding=1), nn.ReLU(),
                                  nn.Conv2d(nf, nf, 3, padding=1), ChannelAttention(nf, reduction))

    def forward(self, x):
        return self.body(x) + x


class ResidualGroup(nn.Module):
    def __init__(self, nf, reduction, blocks):
        super().__init__()
        self.body = nn.Sequential(*[Rcab(nf, reduction) for _ in range(blocks)],
                                  nn.Conv2d(nf, nf, 3, padding=1))

    def forward(self, x):
        return self.body(x) + x


class Rcan(nn.Module):
    """Works on pixels in [0, rgb_range] like upstream."""

    def __init__(self, nf, groups, blocks, reduction, rgb_range=255):
        super().__init__()
        self.sub_mean = mean_shift(rgb_range, -1)
        self.add_mean = mean_shift(rgb_range, 1)
        self.head = nn.Sequential(nn.Conv2d(3, nf, 3, padding=1))
        self.body = nn.Sequential(*[ResidualGroup(nf, reduction, blocks) for _ in range(groups)],
                                  nn.Conv2d(nf, nf, 3, padding=1))
        self.tail = nn.Sequential(
            nn.Sequential(nn.Conv2d(nf, 4 * nf, 3, padding=1), nn.PixelShuffle(2),
                          nn.Conv2d(nf, 4 * nf, 3, padding=1), nn.PixelShuffle(2)),
            nn.Conv2d(nf, 3, 3, padding=1))

    def forward(self, x):
        head = self.head(self.sub_mean(x))
        return self.add_mean(self.tail(self.body(head) + head))


# ---------------------------------------------------------------- Class-Module and ClassSR

class Classifier(nn.Module):
    def __init__(self, width=128):
        super().__init__()
        self.lastOut = nn.Linear(32, 3)
        self.CondNet = nn.Sequential(
            nn.Conv2d(3, width, 4, 4), nn.LeakyReLU(0.1),
            nn.Conv2d(width, width, 1), nn.LeakyReLU(0.1),
            nn.Conv2d(width, width, 1), nn.LeakyReLU(0.1),
            nn.Conv2d(width, width, 1), nn.LeakyReLU(0.1),
            nn.Conv2d(width, 32, 1))

    def forward(self, x):
        out = F.avg_pool2d(self.CondNet(x), x.shape[2] // 4)  # upstream pools by the height
        return self.lastOut(out.flatten(1))


class ClassSrCarn(nn.Module):
    def __init__(self, widths, classifier_width):
        super().__init__()
        self.classifier = Classifier(classifier_width)
        self.net1, self.net2, self.net3 = (CarnM(nf) for nf in widths)


# ---------------------------------------------------------------- writing

def path(name):
    return os.path.join(HERE, name)


def write_f32(name, t):
    t.detach().to(torch.float32).contiguous().numpy().astype('<f4').tofile(path(name))


def reference(model, state):
    """The model's forward as the stored weights give it (after any precision change)."""
    model.load_state_dict({k: v.float() for k, v in state.items()})
    return model.eval()


def small_srresnet(**kw):
    torch.manual_seed(7)
    return MsrResNet(4, 1, **kw).state_dict()


def main():
    torch.manual_seed(2021)
    lr = torch.rand(1, 3, 8, 8)
    write_f32('lr.f32', lr)

    with torch.no_grad():
        # FSRCNN: plain state dict, float32; PReLU slopes moved off 0.25
        fsrcnn = Fsrcnn(8).eval()
        for m in fsrcnn.modules():
            if isinstance(m, nn.PReLU):
                m.weight.uniform_(0.05, 0.5)
        torch.save(fsrcnn.state_dict(), path('fsrcnn.pth'))
        write_f32('fsrcnn.out.f32', fsrcnn(lr))

        # CARN-M: BasicSR-style wrapper, DataParallel 'module.' prefix, BatchNorm statistics
        carn = CarnM(8, 4)
        randomize_batch_norms(carn)
        perturb(carn.sub_mean, 0.01)
        perturb(carn.add_mean, 0.01)
        carn.eval()
        wrapped = {'params': {'module.' + k: v for k, v in carn.state_dict().items()}, 'iter': 5000}
        torch.save(wrapped, path('carn.pth'))
        write_f32('carn.out.f32', carn(lr))

        # MSRResNet: strided views and storages shared at an offset
        srresnet = MsrResNet(8, 2).eval()
        state = srresnet.state_dict()
        w = state['recon_trunk.0.conv1.weight']
        state['recon_trunk.0.conv1.weight'] = w.permute(1, 0, 2, 3).contiguous().permute(1, 0, 2, 3)
        w = state['upconv1.weight']
        state['upconv1.weight'] = w.transpose(2, 3).contiguous().transpose(2, 3)
        a, b = state['recon_trunk.1.conv1.weight'], state['recon_trunk.1.conv2.weight']
        shared = torch.cat([torch.randn(7), a.flatten(), torch.randn(3), b.flatten(), torch.randn(5)])
        state['recon_trunk.1.conv1.weight'] = shared[7:7 + a.numel()].view(a.shape)
        state['recon_trunk.1.conv2.weight'] = shared[10 + a.numel():10 + a.numel() + b.numel()].view(b.shape)
        assert not state['recon_trunk.0.conv1.weight'].is_contiguous()
        assert not state['upconv1.weight'].is_contiguous()
        assert state['recon_trunk.1.conv2.weight'].storage_offset() > 0
        torch.save(state, path('srresnet.pth'))
        write_f32('srresnet.out.f32', reference(srresnet, state)(lr))

        # RCAN: [0, 255] pixels, stored in half precision
        rcan = Rcan(16, 2, 2, 16)
        perturb(rcan.sub_mean, 0.01)
        perturb(rcan.add_mean, 0.01)
        state = {k: v.half() for k, v in rcan.state_dict().items()}
        torch.save(state, path('rcan.pth'))
        write_f32('rcan.out.f32', reference(rcan, state)(lr * 255) / 255)

        # A whole ClassSR-CARN: classifier in half, net1 in double
        classsr = ClassSrCarn((4, 8, 12), 32)
        for net in (classsr.net1, classsr.net2, classsr.net3):
            randomize_batch_norms(net)
        state = {}
        for k, v in classsr.state_dict().items():
            if k.startswith('classifier.'):
                v = v.half()
            elif k.startswith('net1.') and v.is_floating_point():
                v = v.double()
            state[k] = v
        torch.save(state, path('classsr-carn.pth'))
        classsr = reference(classsr, state)
        write_f32('classsr-carn.logits.f32', classsr.classifier(lr))
        for i, net in enumerate((classsr.net1, classsr.net2, classsr.net3), 1):
            write_f32('classsr-carn.net%d.out.f32' % i, net(lr))

        # Bad inputs
        torch.save(small_srresnet(scale=2), path('srresnet-x2.pth'))
        torch.save(small_srresnet(hr_kernel=1), path('srresnet-badshape.pth'))
        extra = small_srresnet()
        extra['recon_trunk.0.conv3.weight'] = torch.zeros(4, 4, 3, 3)
        torch.save(extra, path('srresnet-extra.pth'))
        torch.save({'conv_first.weight': torch.zeros(2, 3, 3, 3)}, path('legacy.pth'),
                   _use_new_zipfile_serialization=False)

        # The reader's own cases: layouts and element types, values known exactly
        base = torch.arange(40, dtype=torch.float32)
        torch.save({
            'permuted': torch.arange(24, dtype=torch.float32).view(2, 3, 4).permute(2, 0, 1),
            'offset': base[5:11].view(2, 3),
            'strided': base.view(4, 10)[:, ::3],
            'half': torch.tensor([1.0, -2.0, 0.5, 65504.0, 2.0 ** -24], dtype=torch.float16),
            'bfloat16': torch.tensor([1.0, -3.0, 0.15625], dtype=torch.bfloat16),
            'double': torch.tensor([[0.1, -1e-3]], dtype=torch.float64),
            'long': torch.tensor([3, -4]),
            'scalar': torch.tensor(7.5),
        }, path('tensors.pth'))

        torch.manual_seed(1)
        torch.jit.save(torch.jit.script(nn.Conv2d(3, 1, 1)), path('torchscript.pt'))

    for name in sorted(os.listdir(HERE)):
        print('%8d  %s' % (os.path.getsize(path(name)), name))


if __name__ == '__main__':
    main()
